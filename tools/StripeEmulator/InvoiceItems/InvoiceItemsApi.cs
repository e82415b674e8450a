using System.Text.Json.Nodes;
using StripeEmulator.Http;
using StripeEmulator.Payments;
using StripeEmulator.State;

namespace StripeEmulator.InvoiceItems;

internal static class InvoiceItemsApi
{
    // 2026-10-28.endive: no unit_amount or price (since basil); a price goes in pricing[price].
    private static readonly string[] CreateParams =
    [
        "amount", "currency", "customer", "customer_account", "description", "discountable", "discounts", "invoice", "metadata",
        "period", "price_data", "pricing", "quantity", "quantity_decimal", "subscription", "tax_behavior", "tax_code", "tax_rates",
        "unit_amount_decimal",
    ];

    public static void MapInvoiceItems(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/invoiceitems", (HttpContext http) => Api.Run(http, CreateParams, Create));

    private static JsonNode Create(ApiCall call)
    {
        var p = call.Params;
        var customer = call.Account.Customers.Get(p.RequiredString("customer"), "customer");
        var invoice = p.String("invoice") is { Length: > 0 } invoiceId ? call.Account.Invoices.Get(invoiceId, "invoice") : null;
        if (p.Has("pricing")) throw ApiException.InvalidRequest("The emulator has no prices; pass amount or unit_amount_decimal.", "pricing[price]");
        var quantity = p.Whole("quantity_decimal") ?? p.Long("quantity") ?? 1;
        if (quantity < 1)
            throw ApiException.InvalidRequest("Invalid quantity: must be at least 1", p.Has("quantity_decimal") ? "quantity_decimal" : "quantity");
        var unitAmount = (p.Long("amount"), p.Whole("unit_amount_decimal"),
            p.Long("price_data.unit_amount") ?? p.Whole("price_data.unit_amount_decimal")) switch
        {
            ({ } amount, _, _) when quantity == 1 => amount,
            ({ }, _, _) => throw ApiException.InvalidRequest("You cannot pass both amount and quantity; use unit_amount_decimal with quantity.",
                "amount"),
            (null, { } unit, _) => unit,
            (null, null, { } unit) => unit,
            _ => throw ApiException.Missing("amount"),
        };
        var currency = (p.String("currency") ?? p.String("price_data.currency") ?? invoice?.Currency ?? customer.Currency)?.ToLowerInvariant()
            ?? throw ApiException.Missing("currency");
        if (currency.Length != 3) throw ApiException.InvalidRequest($"Invalid currency: {currency}.", "currency");
        ChargeableAmounts.Require(unitAmount, currency, AmountParam(p));
        if (customer.Currency is { } fixedCurrency && fixedCurrency != currency)
            throw ApiException.InvalidRequest($"The currency {currency} does not match the customer's currency {fixedCurrency}.", "currency");
        if (invoice is not null)
        {
            if (invoice.Customer != customer.Id) throw ApiException.InvalidRequest("The invoice belongs to another customer.", "invoice");
            if (invoice.Currency != currency)
                throw ApiException.InvalidRequest($"The invoice currency {invoice.Currency} differs from {currency}.", "currency");
            invoice.RequireDraft();
        }

        var item = new InvoiceItem(Ids.New("ii"), call.Now, customer.Id, currency, unitAmount, quantity)
        {
            Description = p.String("description"),
            Discountable = p.Bool("discountable") ?? true,
            PeriodStart = p.Long("period.start") ?? call.Now,
            PeriodEnd = p.Long("period.end") ?? call.Now,
        };
        p.ApplyMetadata(item.Metadata);
        call.Account.InvoiceItems.Add(item);
        if (invoice is not null)
        {
            var before = invoice.ToJson();
            invoice.AddItem(item);
            call.Emit("invoiceitem.created", item);
            call.EmitUpdated("invoice.updated", invoice, before);
        }
        else
        {
            call.Emit("invoiceitem.created", item);
        }
        return item.ToJson();
    }

    private static string AmountParam(Params p) =>
        new[] { "amount", "unit_amount_decimal", "price_data.unit_amount", "price_data.unit_amount_decimal" }.First(p.Has) switch
        {
            var path when path.StartsWith("price_data.", StringComparison.Ordinal) => $"price_data[{path[11..]}]",
            var path => path,
        };
}
