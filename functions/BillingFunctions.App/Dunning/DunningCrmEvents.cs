using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Dunning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// What the CRM does that dunning must hear of: an invoice put on hold stops its orchestration; a new default card on a
/// customer retries each of the customer's running ones at once (found through <see cref="DunningCustomerIndex"/>).
/// An instance takes each event id once, so a repeated request does not raise twice; a finished one hears nothing.
/// </summary>
public sealed class DunningCrmEvents(DunningCustomerIndex customers, TimeProvider time, ILogger<DunningCrmEvents> logger)
    : IInvoiceHoldListener, IDefaultCardListener
{
    /// <summary>After the hold command: if it put a Stripe invoice on hold, its dunning stops. Returns the command's result.</summary>
    public async Task<IResult> AfterHoldAsync(Caller caller, IResult result, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (result is Ok<InvoiceResponse> { Value: { OnHold: true, StripeInvoiceId: { } stripeId } invoice })
        {
            var tenant = caller.Actor.Tenant.Value;
            if (await ProcessInstances.RaiseAsync(durable, DunningKind.Instance, tenant, DunningState.InstanceIdFor(stripeId),
                    $"crm-hold:{invoice.Id}", new InvoiceHeld(), time.GetUtcNow(), cancellationToken))
                logger.LogInformation("Invoice {InvoiceId} of tenant {TenantId} was put on hold; its dunning stops", invoice.Id, tenant);
        }
        return result;
    }

    /// <summary>A new default card for the Stripe customer: every running process of theirs retries with it now.</summary>
    public async Task CardUpdatedAsync(string tenant, string stripeCustomer, string paymentMethod, DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        foreach (var invoice in await customers.InvoicesAsync(tenant, stripeCustomer, cancellationToken))
        {
            if (await ProcessInstances.RaiseAsync(durable, DunningKind.Instance, tenant, DunningState.InstanceIdFor(invoice), $"card:{paymentMethod}",
                    new CardUpdated(), time.GetUtcNow(), cancellationToken))
                logger.LogInformation("New card for customer {StripeCustomerId}: dunning of invoice {StripeInvoiceId} retries",
                    stripeCustomer, invoice);
        }
    }
}
