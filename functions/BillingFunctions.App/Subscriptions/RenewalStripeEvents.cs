using BillingFunctions.App.Processes;
using BillingFunctions.App.Webhooks;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using System.Globalization;
using System.Text.Json;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// Which renewal a Stripe event concerns: renewal invoices carry their subscription and period start in metadata,
/// and those two name the instance (its id is deterministic).
/// </summary>
public static class RenewalStripeEvents
{
    public sealed record RenewalDelivery(string InstanceId, RenewalEvent Event);

    public static RenewalDelivery? From(StoredStripeEvent stored)
    {
        if (stored.Type != "invoice.paid") return null;
        using var json = JsonDocument.Parse(stored.Payload);
        if (!json.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("object", out var invoice)) return null;
        if (!invoice.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object) return null;
        if (!metadata.TryGetProperty("subscription", out var subscription) || !metadata.TryGetProperty("period_start", out var periodStart)) return null;
        if (!long.TryParse(periodStart.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
        var instanceId = RenewalState.InstanceIdFor(new SubscriptionId(subscription.GetString()!), DateTimeOffset.FromUnixTimeSeconds(seconds));
        return new RenewalDelivery(instanceId, new InvoicePaid(invoice.GetProperty("id").GetString()!));
    }
}
