using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.Invoices;

internal sealed partial class Invoice : IIncludes
{
    /// <summary>
    /// The invoice in the shape of 2026-10-28.endive: no <c>paid</c>, <c>charge</c>, <c>payment_intent</c> or
    /// <c>subscription</c>; what pays it is in <c>payments</c>, which Stripe only includes when expanded.
    /// </summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "invoice",
        ["account_country"] = "US",
        ["account_name"] = "Stripe Emulator",
        ["account_tax_ids"] = null,
        ["amount_due"] = AmountDue,
        ["amount_overpaid"] = 0,
        ["amount_paid"] = AmountPaid,
        ["amount_remaining"] = AmountRemaining,
        ["amount_shipping"] = 0,
        ["application"] = null,
        ["attempt_count"] = AttemptCount,
        ["attempted"] = Attempted,
        ["auto_advance"] = AutoAdvance,
        ["automatic_tax"] = new JsonObject
        {
            ["disabled_reason"] = null, ["enabled"] = false, ["liability"] = null, ["provider"] = null, ["status"] = null,
        },
        ["automatically_finalizes_at"] = null,
        ["billing_reason"] = BillingReason,
        ["collection_method"] = CollectionMethod,
        ["confirmation_secret"] = null,
        ["created"] = Created,
        ["currency"] = Currency,
        ["custom_fields"] = null,
        ["customer"] = Customer,
        ["customer_account"] = null,
        ["customer_address"] = null,
        ["customer_email"] = CustomerEmail,
        ["customer_name"] = CustomerName,
        ["customer_phone"] = null,
        ["customer_shipping"] = null,
        ["customer_tax_exempt"] = "none",
        ["customer_tax_ids"] = new JsonArray(),
        ["default_payment_method"] = DefaultPaymentMethod,
        ["default_source"] = null,
        ["default_tax_rates"] = new JsonArray(),
        ["description"] = Description,
        ["discounts"] = new JsonArray(),
        ["due_date"] = DueDate,
        ["effective_at"] = FinalizedAt,
        ["ending_balance"] = EndingBalance,
        ["footer"] = Footer,
        ["from_invoice"] = null,
        ["hosted_invoice_url"] = HostedInvoiceUrl,
        ["invoice_pdf"] = HostedInvoiceUrl is null ? null : HostedInvoiceUrl + "/pdf",
        ["issuer"] = new JsonObject { ["type"] = "self" },
        ["last_finalization_error"] = null,
        ["latest_revision"] = null,
        ["lines"] = Json.List(Items.Select(i => i.ToLineJson()), $"/v1/invoices/{Id}/lines"),
        ["livemode"] = false,
        ["metadata"] = Json.Metadata(Metadata),
        ["next_payment_attempt"] = NextPaymentAttempt,
        ["number"] = Number,
        ["on_behalf_of"] = null,
        // Only subscription and quote invoices have a parent; the emulator has neither.
        ["parent"] = null,
        ["payment_settings"] = new JsonObject
        {
            ["default_mandate"] = null, ["payment_method_options"] = null, ["payment_method_types"] = null,
        },
        ["period_end"] = Created,
        ["period_start"] = Created,
        ["post_payment_credit_notes_amount"] = PostPaymentCreditNotesAmount,
        ["pre_payment_credit_notes_amount"] = PrePaymentCreditNotesAmount,
        ["receipt_number"] = null,
        ["rendering"] = null,
        ["shipping_cost"] = null,
        ["shipping_details"] = null,
        ["starting_balance"] = StartingBalance,
        ["statement_descriptor"] = StatementDescriptor,
        ["status"] = Status,
        ["status_details"] = null,
        ["status_transitions"] = new JsonObject
        {
            ["finalized_at"] = FinalizedAt,
            ["marked_uncollectible_at"] = MarkedUncollectibleAt,
            ["paid_at"] = PaidAt,
            ["voided_at"] = VoidedAt,
        },
        ["subtotal"] = Subtotal,
        ["subtotal_excluding_tax"] = Subtotal,
        ["test_clock"] = null,
        ["threshold_reason"] = null,
        ["total"] = Total,
        ["total_discount_amounts"] = new JsonArray(),
        ["total_excluding_tax"] = Total,
        ["total_pretax_credit_amounts"] = new JsonArray(),
        ["total_taxes"] = new JsonArray(),
        ["webhooks_delivered_at"] = WebhooksDeliveredAt,
    };

    /// <summary>
    /// <c>payments</c> and <c>amount_paid_off_stripe</c> are includable: present only when a request expands them
    /// (<c>expand[]=payments</c>), never in events.
    /// </summary>
    public JsonNode? Include(string field) => field switch
    {
        "payments" => Json.List(Payments.Select(p => p.ToJson()).Reverse(), $"/v1/invoices/{Id}/payments"),
        "amount_paid_off_stripe" => AmountPaidOffStripe,
        _ => null,
    };
}
