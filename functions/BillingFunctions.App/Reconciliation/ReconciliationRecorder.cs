using System.Text.Json;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Webhooks;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Reconciliation;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Reconciliation;

/// <summary>
/// Turns the Stripe events we receive into reconciliation records: <c>charge.succeeded</c>,
/// <c>payment_intent.succeeded</c> and <c>invoice.paid</c> are payment records (one payment usually arrives as all
/// three, tied by its payment intent; the matcher merges them); every non-draft invoice event records what the
/// invoice asks for. Records are keyed by Stripe's ids, so a redelivered event changes nothing.
/// </summary>
public sealed partial class ReconciliationRecorder(ReconciliationStore store, ILogger<ReconciliationRecorder> logger)
{
    public async Task ApplyAsync(StoredStripeEvent stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.Type.StartsWith("invoice.", StringComparison.Ordinal) && stored.Type is not ("charge.succeeded" or "payment_intent.succeeded")) return;
        var tenant = new TenantId(stored.Tenant);
        try
        {
            using var json = JsonDocument.Parse(stored.Payload);
            var root = json.RootElement;
            var obj = root.GetProperty("data").GetProperty("object");
            // Stripe's time of the event is when the money moved; the receipt time only stands in when it is missing.
            var at = root.TryGetProperty("created", out var created) && created.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeSeconds(created.GetInt64()) : stored.ReceivedAt;

            if (stored.Type.StartsWith("invoice.", StringComparison.Ordinal))
            {
                if (Text(obj, "status") is null or "draft") return;
                var currency = Currency.Parse(Text(obj, "currency")!);
                var id = Text(obj, "id")!;
                var ours = obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                    ? Text(metadata, StripeInvoiceEvents.InvoiceIdMetadata) : null;
                await store.RecordInvoiceAsync(tenant, new RecordedInvoice(id, new Money(obj.GetProperty("amount_due").GetInt64(), currency), ours),
                    cancellationToken).ConfigureAwait(false);
                // Marked paid out of band (a bank transfer, a cheque): the money moved outside Stripe, and Stripe may leave
                // amount_paid at 0, but it is a payment of what was due all the same.
                var outOfBand = obj.TryGetProperty("paid_out_of_band", out var oob) && oob.ValueKind == JsonValueKind.True;
                var paid = obj.GetProperty(outOfBand ? "amount_due" : "amount_paid").GetInt64();
                // A zero invoice is "paid" at finalization without any money moving: no payment to reconcile.
                if (stored.Type == "invoice.paid" && paid > 0)
                    await RecordAsync(tenant, new StripePayment(stored.EventId, Text(obj, "payment_intent"), id, new Money(paid, currency), at,
                        PaymentRecordSource.InvoicePaidEvent), cancellationToken).ConfigureAwait(false);
                return;
            }

            var isCharge = stored.Type == "charge.succeeded";
            var amount = obj.GetProperty(isCharge ? "amount" : "amount_received").GetInt64();
            var objectId = Text(obj, "id")!;
            await RecordAsync(tenant, new StripePayment(objectId, isCharge ? Text(obj, "payment_intent") : objectId, Text(obj, "invoice"),
                new Money(amount, Currency.Parse(Text(obj, "currency")!)), at,
                isCharge ? PaymentRecordSource.Charge : PaymentRecordSource.PaymentIntent), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            // The signature was valid, so this is a shape we cannot read, not an attack: keep going, say so.
            LogUnreadable(logger, e, stored.EventId, stored.Type, stored.Tenant);
        }
    }

    private async Task RecordAsync(TenantId tenant, StripePayment payment, CancellationToken cancellationToken)
    {
        if (await store.RecordPaymentAsync(tenant, payment, cancellationToken).ConfigureAwait(false))
            LogRecorded(logger, payment.Source, payment.Id, payment.Amount.Minor, payment.Amount.Currency.Code, tenant.Value);
    }

    /// <summary>A string property, or null when it is absent or null (Stripe sends null for "none").</summary>
    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Source} {RecordId} of {Amount} {Currency} for tenant {Tenant}")]
    private static partial void LogRecorded(ILogger logger, PaymentRecordSource source, string recordId, long amount, string currency, string tenant);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} ({EventType}) of tenant {Tenant} is not readable for reconciliation")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string eventId, string eventType, string tenant);
}
