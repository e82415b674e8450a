using System.Text.Json.Nodes;
using StripeEmulator.Http;
using StripeEmulator.Payments;
using StripeEmulator.Refunds;
using StripeEmulator.State;

namespace StripeEmulator.CreditNotes;

/// <summary>
/// Credit notes by amount (or by lines with amounts). Before payment they lower what is due; after
/// payment the amount must be split into refund_amount, credit_amount and out_of_band_amount, as on Stripe.
/// </summary>
internal static class CreditNotesApi
{
    private static readonly string[] CreateParams =
    [
        "amount", "credit_amount", "effective_at", "email_type", "invoice", "lines", "memo", "metadata", "out_of_band_amount", "reason",
        "refund_amount", "shipping_cost",
    ];

    public static void MapCreditNotes(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/credit_notes", (HttpContext http) => Api.Run(http, CreateParams, Create));

    private static JsonNode Create(ApiCall call)
    {
        var p = call.Params;
        var invoice = call.Account.Invoices.Get(p.RequiredString("invoice"), "invoice");
        invoice.RequireCreditable();
        var lines = CreditNoteLines.Read(p, invoice);
        var amount = p.Long("amount") ?? (lines.Count > 0 ? lines.Sum(l => l.Amount) : throw ApiException.Missing("amount"));
        if (lines.Count > 0 && lines.Sum(l => l.Amount) != amount)
            throw ApiException.InvalidRequest($"The amount ({amount}) must equal the sum of the lines ({lines.Sum(l => l.Amount)}).", "amount");
        if (lines.Count == 0) lines = [new CreditNoteLine("custom_line_item", amount, 1, amount, p.String("memo") ?? "Credit", null)];
        if (amount <= 0) throw ApiException.InvalidRequest("The credit note amount must be positive.", "amount");
        ChargeableAmounts.Require(amount, invoice.Currency, "amount");
        for (var i = 0; i < lines.Count; i++) ChargeableAmounts.Require(lines[i].Amount, invoice.Currency, $"lines[{i}][amount]");
        var creditable = invoice.Paid ? invoice.Total - invoice.PostPaymentCreditNotesAmount : invoice.AmountRemaining;
        if (amount > creditable)
            throw ApiException.InvalidRequest($"The credit note amount ({amount}) exceeds the amount that can be credited ({creditable}).", "amount");
        var reason = p.String("reason");
        if (reason is not (null or "duplicate" or "fraudulent" or "order_change" or "product_unsatisfactory"))
            throw ApiException.InvalidRequest("Invalid reason: must be one of duplicate, fraudulent, order_change, or product_unsatisfactory",
                "reason");

        var (refundAmount, creditAmount, outOfBand) = (p.Long("refund_amount") ?? 0, p.Long("credit_amount") ?? 0, p.Long("out_of_band_amount") ?? 0);
        ChargeableAmounts.Require(refundAmount, invoice.Currency, "refund_amount");
        ChargeableAmounts.Require(creditAmount, invoice.Currency, "credit_amount");
        ChargeableAmounts.Require(outOfBand, invoice.Currency, "out_of_band_amount");
        var charge = call.Account.Charges.Find(invoice.Charge);
        if (invoice.Paid)
        {
            if (refundAmount + creditAmount + outOfBand != amount)
                throw ApiException.InvalidRequest(
                    $"The sum of credit amount, refund amount and out of band amount ({refundAmount + creditAmount + outOfBand}) must equal the " +
                    $"credit note amount ({amount}).", "amount");
            if (refundAmount > 0 && charge is null)
                throw ApiException.InvalidRequest("This invoice was not paid by a charge, so nothing can be refunded.", "refund_amount");
        }
        else if (refundAmount + creditAmount > 0)
        {
            throw ApiException.InvalidRequest("refund_amount and credit_amount can only be used for paid invoices.",
                refundAmount > 0 ? "refund_amount" : "credit_amount");
        }

        var customer = call.Account.Customers.Get(invoice.Customer, "customer");
        var before = invoice.ToJson();
        var refund = refundAmount > 0 ? RefundsApi.Create(call, charge!, refundAmount, "requested_by_customer") : null;
        var sequence = call.Account.CreditNotes.NewestFirst().Count(n => n.Invoice == invoice.Id) + 1;
        var id = Ids.New("cn");
        var note = new CreditNote(id, call.Now, invoice.Id, invoice.Customer, invoice.Currency, amount, $"{invoice.Number}-CN-{sequence:00}")
        {
            Type = invoice.Paid ? "post_payment" : "pre_payment",
            Memo = p.String("memo"),
            Reason = reason,
            Refund = refund?.Id,
            RefundAmount = refund?.Amount ?? 0,
            OutOfBandAmount = outOfBand > 0 ? outOfBand : null,
            Lines = lines,
            PdfUrl = call.Urls.Absolute($"i/{call.Account.UrlSegment}/{invoice.Id}/credit_notes/{id}"),
        };
        p.ApplyMetadata(note.Metadata);
        if (creditAmount > 0)
        {
            var customerBefore = customer.ToJson();
            customer.Balance -= creditAmount;
            call.Emit("customer.updated", customer, customerBefore);
        }
        invoice.ApplyCreditNote(amount, call.Now);
        call.Account.CreditNotes.Add(note);
        call.Emit("credit_note.created", note);
        if (invoice.Paid && before["status"]?.ToString() != "paid") call.Emit("invoice.paid", invoice);
        call.EmitUpdated("invoice.updated", invoice, before);
        return note.ToJson();
    }
}
