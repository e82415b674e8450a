using BillingFunctions.App.Processes;
using BillingFunctions.App.Webhooks;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using System.Globalization;
using System.Text.Json;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// Feeds <c>invoice.paid</c> to the renewal waiting for it. Renewal invoices carry their subscription and period
/// start in metadata, and those two name the instance (its id is deterministic); raising takes each event id once.
/// </summary>
public sealed class RenewalStripeEvents(ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect> runtime)
{
    public sealed record RenewalDelivery(string InstanceId, RenewalEvent Event);

    public async Task ApplyAsync(StoredStripeEvent stored, CancellationToken cancellationToken)
    {
        if (From(stored) is { } delivery)
            await runtime.RaiseAsync(stored.Tenant, delivery.InstanceId, stored.EventId, delivery.Event, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Which renewal the event concerns, if any; a shape we cannot read concerns none (the projection logs it).</summary>
    public static RenewalDelivery? From(StoredStripeEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Type != "invoice.paid") return null;
        try
        {
            using var json = JsonDocument.Parse(stored.Payload);
            if (!json.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("object", out var invoice)) return null;
            if (!invoice.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object) return null;
            if (!metadata.TryGetProperty("subscription", out var subscription) || !metadata.TryGetProperty("period_start", out var periodStart)) return null;
            if (!long.TryParse(periodStart.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
            var instanceId = RenewalState.InstanceIdFor(new SubscriptionId(subscription.GetString()!), DateTimeOffset.FromUnixTimeSeconds(seconds));
            return new RenewalDelivery(instanceId, new InvoicePaid(invoice.GetProperty("id").GetString()!));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }
}
