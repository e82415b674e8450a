using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Reconciliation;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Reconciliation;

/// <summary>An invoice as Stripe last described it: what it asks for, and our invoice id when the CRM made it.</summary>
public sealed record RecordedInvoice(string StripeInvoiceId, Money AmountDue, string? InvoiceId);

/// <summary>
/// What reconciliation knows, in the tenant's partition of the billing table: payment records as
/// <c>rec|pay|{ticks}|{recordId}</c> (by time, so a period is one range read; the record id makes a redelivery a
/// no-op) and invoices as <c>rec|inv|{stripeInvoiceId}</c>.
/// </summary>
public class ReconciliationStore(BillingTables tables)
{
    private const string PaymentPrefix = "rec|pay|";
    private const string InvoicePrefix = "rec|inv|";

    private static string PaymentKey(StripePayment p) =>
        $"{PaymentPrefix}{p.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{p.Id}";

    /// <summary>Records a payment once; false when this record was there already.</summary>
    public virtual async Task<bool> RecordPaymentAsync(TenantId tenant, StripePayment payment, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Billing.AddEntityAsync(new TableEntity(tenant.Value, PaymentKey(payment))
            {
                ["RecordId"] = payment.Id, ["PaymentIntent"] = payment.PaymentIntentId, ["StripeInvoice"] = payment.StripeInvoiceId,
                ["Amount"] = payment.Amount.Minor, ["Currency"] = payment.Amount.Currency.Code, ["At"] = payment.At,
                ["Source"] = payment.Source.ToString(),
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Stripe fixes what an invoice asks for at finalization, so the latest description simply replaces the last.</summary>
    public virtual Task RecordInvoiceAsync(TenantId tenant, RecordedInvoice invoice, CancellationToken cancellationToken) =>
        tables.Billing.UpsertEntityAsync(new TableEntity(tenant.Value, InvoicePrefix + invoice.StripeInvoiceId)
        {
            ["AmountDue"] = invoice.AmountDue.Minor, ["Currency"] = invoice.AmountDue.Currency.Code, ["InvoiceId"] = invoice.InvoiceId,
        }, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Payment records from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public virtual async Task<List<StripePayment>> PaymentsAsync(TenantId tenant, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var payments = new List<StripePayment>();
        await foreach (var payment in ReadPaymentsAsync(tenant, from, to, cancellationToken)) payments.Add(payment);
        return payments;
    }

    /// <summary>The same records by time, read a page at a time (the CSV export).</summary>
    public virtual async IAsyncEnumerable<StripePayment> ReadPaymentsAsync(TenantId tenant, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var low = PaymentPrefix + from.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var high = PaymentPrefix + to.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenant.Value} and RowKey ge {low} and RowKey lt {high}");
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new StripePayment(row.GetString("RecordId")!, row.GetString("PaymentIntent"), row.GetString("StripeInvoice"),
                new Money(row.GetInt64("Amount")!.Value, Currency.Parse(row.GetString("Currency")!)), row.GetDateTimeOffset("At")!.Value,
                Enum.Parse<PaymentRecordSource>(row.GetString("Source")!));
        }
    }

    /// <summary>The invoices with these ids that Stripe has told us about; unknown ids are left out.</summary>
    public virtual async Task<List<RecordedInvoice>> InvoicesAsync(TenantId tenant, IEnumerable<string> stripeInvoiceIds,
        CancellationToken cancellationToken)
    {
        var found = new List<RecordedInvoice>();
        foreach (var chunk in stripeInvoiceIds.Distinct(StringComparer.Ordinal).Chunk(16))
        {
            var rows = await Task.WhenAll(chunk.Select(id => tables.Billing.GetEntityOrNullAsync(tenant.Value, InvoicePrefix + id,
                cancellationToken: cancellationToken)));
            found.AddRange(rows.OfType<TableEntity>().Select(row => new RecordedInvoice(row.RowKey[InvoicePrefix.Length..],
                new Money(row.GetInt64("AmountDue")!.Value, Currency.Parse(row.GetString("Currency")!)), row.GetString("InvoiceId"))));
        }
        return found;
    }
}
