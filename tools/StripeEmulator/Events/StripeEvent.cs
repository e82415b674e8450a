using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.Events;

/// <summary>An event in the shape of <see cref="Http.ApiVersion.Current"/>; <see cref="Object"/> is the object as it was right after the
/// change.</summary>
internal sealed class StripeEvent(string id, long created, string type, JsonObject obj) : IStripeObject
{
    private int _pendingWebhooks;

    public string Id { get; } = id;
    public long Created { get; } = created;
    public string Type { get; } = type;
    public JsonObject Object { get; } = obj;
    public JsonObject? PreviousAttributes { get; init; }
    public string? Account { get; init; }
    public string? RequestId { get; init; }
    public string? IdempotencyKey { get; init; }

    public int PendingWebhooks
    {
        get => Volatile.Read(ref _pendingWebhooks);
        set => Volatile.Write(ref _pendingWebhooks, value);
    }

    public void DeliverySettled() => Interlocked.Decrement(ref _pendingWebhooks);

    public JsonObject ToJson()
    {
        var data = new JsonObject { ["object"] = Object.DeepClone() };
        if (PreviousAttributes is not null) data["previous_attributes"] = PreviousAttributes.DeepClone();
        var json = new JsonObject { ["id"] = Id, ["object"] = "event" };
        if (Account is not null) json["account"] = Account;
        json["api_version"] = Http.ApiVersion.Current;
        json["created"] = Created;
        json["data"] = data;
        json["livemode"] = false;
        json["pending_webhooks"] = PendingWebhooks;
        json["request"] = new JsonObject { ["id"] = RequestId, ["idempotency_key"] = IdempotencyKey };
        json["type"] = Type;
        return json;
    }

    /// <summary>Old values of the top-level fields that changed, as Stripe sends in <c>*.updated</c> events.</summary>
    public static JsonObject? Diff(JsonObject before, JsonObject after)
    {
        var changed = new JsonObject();
        foreach (var (key, oldValue) in before)
        {
            if (!JsonNode.DeepEquals(oldValue, after[key])) changed[key] = oldValue?.DeepClone();
        }
        return changed.Count == 0 ? null : changed;
    }
}
