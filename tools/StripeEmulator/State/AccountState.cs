using StripeEmulator.BillingPortal;
using StripeEmulator.CreditNotes;
using StripeEmulator.Customers;
using StripeEmulator.Events;
using StripeEmulator.InvoiceItems;
using StripeEmulator.Invoices;
using StripeEmulator.Payments;
using StripeEmulator.PaymentMethods;
using StripeEmulator.Refunds;

namespace StripeEmulator.State;

/// <summary>
/// Everything one Stripe account holds. Requests for the same account run one at a time under
/// <see cref="Sync"/>: the emulator is small and in memory, and this keeps every change atomic.
/// </summary>
internal sealed class AccountState(string? accountId)
{
    public object Sync { get; } = new();

    /// <summary>The <c>Stripe-Account</c> this namespace belongs to; null for the platform account.</summary>
    public string? AccountId { get; } = accountId;

    public string UrlSegment => AccountId ?? "default";

    public Collection<Customer> Customers { get; } = new("customer");
    public Collection<PaymentMethod> PaymentMethods { get; } = new("PaymentMethod");
    public Collection<SetupIntent> SetupIntents { get; } = new("setupintent");
    public Collection<InvoiceItem> InvoiceItems { get; } = new("invoiceitem");
    public Collection<Invoice> Invoices { get; } = new("invoice");
    public Collection<InvoicePayment> InvoicePayments { get; } = new("invoice_payment");
    public Collection<Charge> Charges { get; } = new("charge");
    public Collection<PaymentIntent> PaymentIntents { get; } = new("payment_intent");
    public Collection<Refund> Refunds { get; } = new("refund");
    public Collection<CreditNote> CreditNotes { get; } = new("credit_note");
    public Collection<PortalSession> PortalSessions { get; } = new("billing_portal.session");
    public Collection<StripeEvent> Events { get; } = new("event");

    public IdempotencyStore Idempotency { get; } = new();

    /// <summary>Finds any object by its id prefix; used to expand ids into objects.</summary>
    public IStripeObject? FindAny(string id) => id[..Math.Max(0, id.IndexOf('_'))] switch
    {
        "cus" => Customers.Find(id),
        "pm" => PaymentMethods.Find(id),
        "seti" => SetupIntents.Find(id),
        "ii" => InvoiceItems.Find(id),
        "in" => Invoices.Find(id),
        "inpay" => InvoicePayments.Find(id),
        "ch" => Charges.Find(id),
        "pi" => PaymentIntents.Find(id),
        "re" => Refunds.Find(id),
        "cn" => CreditNotes.Find(id),
        "bps" => PortalSessions.Find(id),
        "evt" => Events.Find(id),
        _ => null,
    };
}
