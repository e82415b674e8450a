using System.Text.Json.Nodes;
using StripeEmulator.Http;
using StripeEmulator.State;

namespace StripeEmulator.Invoices;

internal static class InvoicesApi
{
    private static readonly string[] CreateParams =
    [
        "account_tax_ids", "application_fee_amount", "auto_advance", "automatic_tax", "automatically_finalizes_at", "collection_method",
        "currency", "custom_fields", "customer", "customer_account", "days_until_due", "default_payment_method", "default_source",
        "default_tax_rates", "description", "discounts", "due_date", "effective_at", "footer", "from_invoice", "issuer", "metadata",
        "number", "on_behalf_of", "payment_settings", "pending_invoice_items_behavior", "rendering", "shipping_cost", "shipping_details",
        "statement_descriptor", "subscription", "transfer_data",
    ];

    private static readonly string[] PayParams = ["forgive", "mandate", "off_session", "paid_out_of_band", "payment_method", "source"];

    public static void MapInvoices(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/invoices", (HttpContext http) => Api.Run(http, CreateParams, Create));
        app.MapGet("/v1/invoices", (HttpContext http) => Api.Run(http,
            ["collection_method", "created", "customer", "customer_account", "due_date", "ending_before", "limit", "starting_after",
                "status", "subscription"], List));
        app.MapGet("/v1/invoices/{id}", (HttpContext http, string id) => Api.Run(http, [], call => call.Account.Invoices.Get(id).ToJson()));
        app.MapPost("/v1/invoices/{id}/finalize", (HttpContext http, string id) => Api.Run(http, ["auto_advance"], call => Finalize(call, id)));
        app.MapPost("/v1/invoices/{id}/pay", (HttpContext http, string id) => Api.Run(http, PayParams, call => Pay(call, id)));
        app.MapPost("/v1/invoices/{id}/send", (HttpContext http, string id) => Api.Run(http, [], call => Send(call, id)));
        app.MapPost("/v1/invoices/{id}/void", (HttpContext http, string id) =>
            Api.Run(http, [], call => Transition(call, id, "invoice.voided", i => i.Void(call.Now))));
        app.MapPost("/v1/invoices/{id}/mark_uncollectible", (HttpContext http, string id) =>
            Api.Run(http, [], call => Transition(call, id, "invoice.marked_uncollectible", i => i.MarkUncollectible(call.Now))));
    }

    private static JsonNode Create(ApiCall call)
    {
        var p = call.Params;
        var customer = call.Account.Customers.Get(p.RequiredString("customer"), "customer");
        var collection = p.String("collection_method") is { Length: > 0 } c ? c : "charge_automatically";
        if (collection is not ("charge_automatically" or "send_invoice"))
            throw ApiException.InvalidRequest("Invalid collection_method: must be one of charge_automatically or send_invoice", "collection_method");
        var daysUntilDue = p.Long("days_until_due");
        var dueDate = p.Long("due_date");
        if (collection == "charge_automatically" && (daysUntilDue is not null || dueDate is not null))
            throw ApiException.InvalidRequest("Invoices with `collection_method=charge_automatically` cannot have a `due_date` or `days_until_due`.",
                daysUntilDue is null ? "due_date" : "days_until_due");
        if (collection == "send_invoice" && daysUntilDue is null && dueDate is null)
            throw ApiException.InvalidRequest("Invoices with `collection_method=send_invoice` must have a `due_date` or `days_until_due`.",
                "days_until_due");

        var behavior = p.String("pending_invoice_items_behavior") is { Length: > 0 } b ? b
            : ApiVersion.IsBefore(call.Request?.ApiVersion ?? "", "2022-08-01") ? "include_and_require" : "exclude";
        if (behavior is not ("include" or "exclude" or "include_and_require"))
            throw ApiException.InvalidRequest("Invalid pending_invoice_items_behavior: must be one of exclude, include or include_and_require",
                "pending_invoice_items_behavior");
        var pending = call.Account.InvoiceItems.NewestFirst().Where(i => i.Customer == customer.Id && i.Invoice is null).Reverse().ToList();
        var currency = p.String("currency")?.ToLowerInvariant() ?? customer.Currency ?? pending.FirstOrDefault()?.Currency ?? "usd";
        var picked = behavior == "exclude" ? [] : pending.Where(i => i.Currency == currency).ToList();
        if (behavior == "include_and_require" && picked.Count == 0)
            throw ApiException.InvalidRequest($"Nothing to invoice for customer", code: "invoice_no_customer_line_items");
        var defaultPm = p.String("default_payment_method") is { Length: > 0 } pm
            ? call.Account.PaymentMethods.Get(pm, "default_payment_method").Id : null;

        var invoice = new Invoice(Ids.New("in"), call.Now, customer.Id, currency, collection)
        {
            AutoAdvance = p.Bool("auto_advance") ?? true,
            DueDate = dueDate ?? (daysUntilDue is { } days ? call.Now + days * 86_400 : null),
            Description = p.String("description"),
            Footer = p.String("footer") ?? customer.InvoiceFooter,
            StatementDescriptor = p.String("statement_descriptor"),
            DefaultPaymentMethod = defaultPm,
            CustomerEmail = customer.Email,
            CustomerName = customer.Name,
        };
        p.ApplyMetadata(invoice.Metadata);
        foreach (var item in picked) invoice.AddItem(item);
        call.Account.Invoices.Add(invoice);
        call.Emit("invoice.created", invoice);
        return invoice.ToJson();
    }

    private static JsonNode List(ApiCall call)
    {
        var p = call.Params;
        var (customer, status, collection) = (p.String("customer"), p.String("status"), p.String("collection_method"));
        if (status is not (null or "draft" or "open" or "paid" or "uncollectible" or "void"))
            throw ApiException.InvalidRequest("Invalid status: must be one of draft, open, paid, uncollectible, or void", "status");
        var invoices = call.Account.Invoices.NewestFirst().Where(i =>
            (customer is null || i.Customer == customer) && (status is null || i.Status == status)
                && (collection is null || i.CollectionMethod == collection));
        return ListPage.Render(invoices, p, "/v1/invoices");
    }

    private static JsonNode Finalize(ApiCall call, string id)
    {
        var invoice = call.Account.Invoices.Get(id);
        if (call.Params.Bool("auto_advance") is { } autoAdvance) invoice.AutoAdvance = autoAdvance;
        InvoiceFlow.Finalize(call, invoice);
        return invoice.ToJson();
    }

    private static JsonNode Pay(ApiCall call, string id)
    {
        var p = call.Params;
        var invoice = call.Account.Invoices.Get(id);
        invoice.RequirePayable();
        if (invoice.Status == "draft") InvoiceFlow.Finalize(call, invoice);
        if (p.Bool("paid_out_of_band") == true)
        {
            InvoiceFlow.PayOutOfBand(call, invoice);
            return invoice.ToJson();
        }
        InvoiceFlow.Pay(call, invoice, p.String("payment_method") is { Length: > 0 } pm ? pm : null);
        return invoice.ToJson();
    }

    private static JsonNode Send(ApiCall call, string id)
    {
        var invoice = call.Account.Invoices.Get(id);
        if (invoice.CollectionMethod != "send_invoice")
            throw ApiException.InvalidRequest("You can only manually send an invoice if its collection method is 'send_invoice'.");
        if (invoice.Status == "void") throw ApiException.InvalidRequest("You can't send a void invoice.", code: "invoice_not_editable");
        if (invoice.Status == "draft") InvoiceFlow.Finalize(call, invoice);
        call.Emit("invoice.sent", invoice);
        return invoice.ToJson();
    }

    private static JsonNode Transition(ApiCall call, string id, string eventType, Action<Invoice> change)
    {
        var invoice = call.Account.Invoices.Get(id);
        var before = invoice.ToJson();
        change(invoice);
        if (invoice.Status == "uncollectible") InvoiceFlow.SetDelinquent(call, invoice.Customer, false);
        if (invoice.Status == "void") InvoiceFlow.CancelPaymentIntent(call, invoice);
        call.Emit(eventType, invoice);
        call.EmitUpdated("invoice.updated", invoice, before);
        return invoice.ToJson();
    }
}
