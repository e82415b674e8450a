using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Customers;

/// <summary>
/// Hears of a customer's new default card, once Stripe has it, so that a feature waiting on a card (dunning) can retry
/// at once without customers knowing of it. The durable client is the HTTP function's (the Functions host binds one
/// only to a function).
/// </summary>
public interface IDefaultCardListener
{
    Task CardUpdatedAsync(string tenant, string stripeCustomer, string paymentMethod, DurableTaskClient durable,
        CancellationToken cancellationToken);
}
