using Microsoft.DurableTask.Client;
using Stripe;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// A feature that acts on a tenant's Stripe events (renewals, dunning, reminders, reconciliation). Each gets every
/// event that is the tenant's, in registration order, before the event is marked applied; a handler takes an event id
/// once, so the retry after a failure is harmless.
/// </summary>
public interface IStripeEventHandler
{
    /// <param name="durable">The task hub's client, for the handlers that start or message process instances.</param>
    Task ApplyAsync(string tenant, Event stripeEvent, DurableTaskClient durable, CancellationToken cancellationToken);
}
