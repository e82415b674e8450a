using System.Text.Json.Nodes;
using StripeEmulator.Http;
using StripeEmulator.Invoices;

namespace StripeEmulator.CreditNotes;

/// <summary>
/// Prices <c>lines[]</c> of a credit note: a custom line is <c>unit_amount × quantity</c>; an invoice
/// line is its <c>amount</c>, or <c>quantity</c> of its units, or the whole line.
/// </summary>
internal static class CreditNoteLines
{
    public static List<CreditNoteLine> Read(Params p, Invoice invoice)
    {
        var lines = new List<CreditNoteLine>();
        var given = p.Array("lines") ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var line = new Params(given[i] as JsonObject ?? throw ApiException.InvalidRequest($"Invalid lines[{i}]", $"lines[{i}]"));
            lines.Add(line.RequiredString("type") switch
            {
                "custom_line_item" => Custom(line, i),
                "invoice_line_item" => FromInvoice(line, i, invoice),
                var other => throw ApiException.InvalidRequest($"Invalid lines[{i}][type]: {other}", $"lines[{i}][type]"),
            });
        }
        return lines;
    }

    private static CreditNoteLine Custom(Params line, int i)
    {
        var quantity = line.Long("quantity") ?? 1;
        var unit = line.Long("unit_amount") ?? throw ApiException.Missing($"lines[{i}][unit_amount]");
        return new CreditNoteLine("custom_line_item", unit * quantity, quantity, unit,
            line.String("description") ?? throw ApiException.Missing($"lines[{i}][description]"), null);
    }

    private static CreditNoteLine FromInvoice(Params line, int i, Invoice invoice)
    {
        var id = line.RequiredString("invoice_line_item");
        var item = invoice.Items.FirstOrDefault(x => x.LineId == id)
            ?? throw ApiException.InvalidRequest($"The invoice line item {id} is not on invoice {invoice.Id}.", $"lines[{i}][invoice_line_item]");
        var quantity = line.Long("quantity") ?? item.Quantity;
        if (quantity > item.Quantity)
            throw ApiException.InvalidRequest($"lines[{i}][quantity] exceeds the line's quantity ({item.Quantity}).", $"lines[{i}][quantity]");
        var amount = line.Long("amount") ?? item.UnitAmount * quantity;
        return new CreditNoteLine("invoice_line_item", amount, quantity, item.UnitAmount, item.Description, id);
    }
}
