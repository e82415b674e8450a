using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// Whether the CRM has the failed invoice on hold (a dispute, a manual arrangement): such an invoice is not chased,
/// just as putting it on hold stops a running process. Releasing it later does not start dunning; the rep charges
/// it from the CRM, and a failure then starts dunning as usual.
/// </summary>
public sealed class DunningHolds(TenantDirectory tenants, InvoiceStore invoices)
{
    public async Task<bool> IsOnHoldAsync(string tenant, Stripe.Invoice stripeInvoice, CancellationToken cancellationToken)
    {
        if (stripeInvoice.Metadata?.GetValueOrDefault(StripeInvoiceEvents.InvoiceIdMetadata) is not { Length: > 0 } ours) return false;
        if (await tenants.GetAsync(new TenantId(tenant), cancellationToken).ConfigureAwait(false) is not { } known) return false;
        return await invoices.GetAsync(known, new InvoiceId(ours), cancellationToken).ConfigureAwait(false) is var (invoice, _) && invoice.OnHold;
    }
}
