using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.Invoices;

/// <summary>
/// The link between an invoice and the PaymentIntent that collects it (<c>invoice.payments</c> since 2025-03-31.basil):
/// <c>open</c> from finalization, <c>paid</c> when the intent succeeds, <c>canceled</c> when the invoice is voided.
/// </summary>
internal sealed class InvoicePayment(string id, long created, string invoice, string currency, string paymentIntent) : IStripeObject
{
    public string Id { get; } = id;
    public long Created { get; } = created;
    public string Invoice { get; } = invoice;
    public string Currency { get; } = currency;
    public string PaymentIntent { get; } = paymentIntent;
    public long AmountRequested { get; set; }
    public long? AmountPaid { get; private set; }
    public string Status { get; private set; } = "open";
    public long? PaidAt { get; private set; }
    public long? CanceledAt { get; private set; }

    public void MarkPaid(long amount, long now)
    {
        AmountPaid = amount;
        Status = "paid";
        PaidAt = now;
    }

    public void Cancel(long now)
    {
        if (Status != "open") return;
        Status = "canceled";
        CanceledAt = now;
    }

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "invoice_payment",
        ["amount_paid"] = AmountPaid,
        ["amount_requested"] = AmountRequested,
        ["created"] = Created,
        ["currency"] = Currency,
        ["invoice"] = Invoice,
        ["is_default"] = true,
        ["livemode"] = false,
        ["payment"] = new JsonObject { ["payment_intent"] = PaymentIntent, ["type"] = "payment_intent" },
        ["status"] = Status,
        ["status_transitions"] = new JsonObject { ["canceled_at"] = CanceledAt, ["paid_at"] = PaidAt },
    };
}
