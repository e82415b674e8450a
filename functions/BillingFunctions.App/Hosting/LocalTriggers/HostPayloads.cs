using System.Text.Json;
using System.Text.Json.Nodes;

namespace BillingFunctions.App.Hosting.LocalTriggers;

/// <summary>
/// Invocation requests built the way the Functions host builds them for a custom handler, so the local runner
/// exercises exactly the path the host does. The host serializes each non-object value with
/// JsonConvert.SerializeObject: strings arrive quoted, numbers as strings, objects as objects.
/// </summary>
internal static class HostPayloads
{
    public static InvocationRequest Timer(TimerFunction function, TimerInfo timer, DateTimeOffset now) => new(
        new Dictionary<string, JsonElement> { [function.TriggerBindingName] = InvocationJson.ToElement(timer) },
        new Dictionary<string, JsonElement> { ["sys"] = Sys(function.Name, now) });

    public static InvocationRequest Queue(QueueFunction function, QueueMessageData message, DateTimeOffset now)
    {
        var metadata = new Dictionary<string, JsonElement>
        {
            ["DequeueCount"] = HostValue(message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["Id"] = HostValue(JsonSerializer.Serialize(message.Id)),
            ["PopReceipt"] = HostValue(JsonSerializer.Serialize(message.PopReceipt)),
            ["sys"] = Sys(function.Name, now),
        };
        if (message.InsertionTime is { } inserted) metadata["InsertionTime"] = InvocationJson.ToElement(inserted);
        if (message.ExpirationTime is { } expires) metadata["ExpirationTime"] = InvocationJson.ToElement(expires);
        if (message.NextVisibleTime is { } visible) metadata["NextVisibleTime"] = InvocationJson.ToElement(visible);

        return new InvocationRequest(
            new Dictionary<string, JsonElement> { [function.TriggerBindingName] = HostValue(JsonSerializer.Serialize(message.Text)) },
            metadata);
    }

    private static JsonElement HostValue(string serialized) => InvocationJson.ToElement(serialized);

    private static JsonElement Sys(string functionName, DateTimeOffset now) => InvocationJson.ToElement(new JsonObject
    {
        ["MethodName"] = functionName,
        ["UtcNow"] = now.UtcDateTime,
        ["RandGuid"] = Guid.NewGuid(),
    });
}

/// <summary>The parts of a received queue message the host puts into an invocation.</summary>
internal sealed record QueueMessageData(
    string Id,
    string PopReceipt,
    string Text,
    long DequeueCount,
    DateTimeOffset? InsertionTime,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NextVisibleTime);
