using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using Stripe;

namespace BillingFunctions.App.Invoices;

/// <summary>
/// Builds our draft in Stripe: the invoice, one item per line (and one per line's tax, since our tax is a rate on
/// the line, not a Stripe tax rate object), then finalizes it. Every call's idempotency key is derived from our
/// invoice and line ids, so a finalization retried after a crash reuses what the first attempt created.
/// </summary>
internal sealed class StripeInvoiceDraft(StripeAccount stripe, Tenant tenant)
{
    /// <param name="metadata">More metadata for the Stripe invoice, next to our tenant and invoice ids (a renewal's subscription and period).</param>
    public async Task<Stripe.Invoice> CreateAndFinalizeAsync(InvoiceSnapshot draft, string stripeCustomerId,
        IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var allMetadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>())
        {
            [Webhooks.StripeEventOwnership.TenantMetadata] = tenant.Id.Value, [StripeInvoiceEvents.InvoiceIdMetadata] = draft.Id.Value,
        };
        var keyBase = $"{tenant.Id}:{draft.Id}";
        var sendInvoice = draft.Collection == CollectionMethod.SendInvoice;
        var created = await stripe.V1.Invoices.CreateAsync(new InvoiceCreateOptions
        {
            Customer = stripeCustomerId,
            Currency = draft.Currency.Code,
            CollectionMethod = InvoiceResponse.WireCollection(draft.Collection),
            DaysUntilDue = sendInvoice && draft.DueDate is null ? draft.DaysUntilDue ?? 30 : null,
            DueDate = sendInvoice && draft.DueDate is { } due ? EndOfDay(due).UtcDateTime : null,
            AutoAdvance = false,
            PendingInvoiceItemsBehavior = "exclude",
            Metadata = allMetadata,
        }, stripe.Write($"{keyBase}:create"), cancellationToken);

        foreach (var line in draft.Lines)
        {
            await AddItemAsync(created.Id, stripeCustomerId, draft, line.Amount.Minor,
                $"{line.Description} ({line.Quantity} × {line.UnitAmount.Minor})", $"{keyBase}:{line.Id}", cancellationToken);
            if (line.Tax.Minor != 0)
                await AddItemAsync(created.Id, stripeCustomerId, draft, line.Tax.Minor,
                    $"Tax {line.TaxRateBasisPoints / 100m}% on {line.Description}", $"{keyBase}:{line.Id}:tax", cancellationToken);
        }
        return await stripe.V1.Invoices.FinalizeInvoiceAsync(created.Id, new InvoiceFinalizeOptions { AutoAdvance = false },
            stripe.Write($"{keyBase}:finalize"),
            cancellationToken);
    }

    private Task<InvoiceItem> AddItemAsync(string stripeInvoiceId, string customer, InvoiceSnapshot draft, long amount, string description,
        string idempotencyKey, CancellationToken cancellationToken) =>
        stripe.V1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions
        {
            Customer = customer, Amount = amount, Currency = draft.Currency.Code, Description = description, Invoice = stripeInvoiceId,
            // Like the invoice: whoever receives the item's events can tell whose it is.
            Metadata = new Dictionary<string, string>
            {
                [Webhooks.StripeEventOwnership.TenantMetadata] = tenant.Id.Value, [StripeInvoiceEvents.InvoiceIdMetadata] = draft.Id.Value,
            },
        }, stripe.Write(idempotencyKey), cancellationToken);

    private DateTimeOffset EndOfDay(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(23, 59, 59));
        return new DateTimeOffset(local, tenant.Calendar.TimeZone.GetUtcOffset(local));
    }
}
