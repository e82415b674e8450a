using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Stripe;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// Feeds <c>invoice.paid</c> to the renewal waiting for it. Renewal invoices carry their subscription and period
/// start in metadata, and those two name the instance (its id is deterministic); raising takes each event id once.
/// </summary>
public sealed class RenewalStripeEvents(TimeProvider time) : IStripeEventHandler
{
    public sealed record RenewalDelivery(string InstanceId, RenewalEvent Event);

    public async Task ApplyAsync(string tenant, Event stripeEvent, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (From(stripeEvent) is { } delivery)
            await ProcessInstances.RaiseAsync(durable, RenewalKind.Instance, tenant, delivery.InstanceId, stripeEvent.Id, delivery.Event,
                time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Which renewal the event concerns, if any: an <c>invoice.paid</c> whose invoice names its subscription and period.</summary>
    public static RenewalDelivery? From(Event stripeEvent)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        if (stripeEvent.Type != "invoice.paid" || stripeEvent.Data?.Object is not Invoice invoice) return null;
        if (invoice.Metadata?.GetValueOrDefault("subscription") is not { Length: > 0 } subscription
            || invoice.Metadata.GetValueOrDefault("period_start") is not { } periodStart
            || !long.TryParse(periodStart, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return null;
        var instanceId = RenewalState.InstanceIdFor(new SubscriptionId(subscription), DateTimeOffset.FromUnixTimeSeconds(seconds));
        return new RenewalDelivery(instanceId, new InvoicePaid(invoice.Id));
    }
}
