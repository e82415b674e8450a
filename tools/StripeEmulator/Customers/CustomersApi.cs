using System.Text.Json.Nodes;
using StripeEmulator.Http;
using StripeEmulator.PaymentMethods;
using StripeEmulator.State;

namespace StripeEmulator.Customers;

internal static class CustomersApi
{
    private static readonly string[] CreateParams =
    [
        "address", "balance", "business_name", "cash_balance", "description", "email", "individual_name", "invoice_prefix",
        "invoice_settings", "metadata", "name", "next_invoice_sequence", "payment_method", "phone", "plan", "preferred_locales",
        "shipping", "source", "tax", "tax_exempt", "tax_id_data", "test_clock", "validate",
    ];

    private static readonly string[] UpdateParams =
    [
        "address", "balance", "business_name", "cash_balance", "default_source", "description", "email", "individual_name",
        "invoice_prefix", "invoice_settings", "metadata", "name", "next_invoice_sequence", "phone", "preferred_locales", "shipping",
        "source", "tax", "tax_exempt", "validate",
    ];

    public static void MapCustomers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/customers", (HttpContext http) => Api.Run(http, CreateParams, Create));
        app.MapPost("/v1/customers/{id}", (HttpContext http, string id) => Api.Run(http, UpdateParams, call => Update(call, id)));
        app.MapGet("/v1/customers/{id}", (HttpContext http, string id) => Api.Run(http, [], call => call.Account.Customers.Get(id).ToJson()));
        app.MapGet("/v1/customers", (HttpContext http) => Api.Run(http, ["created", "email", "ending_before", "limit",
            "starting_after", "test_clock"], List));
    }

    private static JsonNode Create(ApiCall call)
    {
        var p = call.Params;
        var prefix = p.String("invoice_prefix") is { Length: > 0 } given ? given : Ids.New("x", 8)[2..].ToUpperInvariant();
        var customer = new Customer(Ids.New("cus", 14), call.Now, prefix);
        Apply(customer, p);
        var paymentMethod = p.String("payment_method") is { Length: > 0 } pm ? PaymentMethodsApi.Resolve(call, pm, "payment_method") : null;
        if (paymentMethod?.Customer is not null) throw AlreadyAttached(paymentMethod.Id);
        if (paymentMethod?.Card.OnAttach is { } decline) throw PaymentMethodsApi.CardError(decline, paymentMethod);
        var defaultPm = p.String("invoice_settings.default_payment_method");
        if (!string.IsNullOrEmpty(defaultPm) && defaultPm != paymentMethod?.Id) throw NotAttached(defaultPm);

        call.Account.Customers.Add(customer);
        call.Emit("customer.created", customer);
        if (paymentMethod is not null)
        {
            PaymentMethodsApi.AttachTo(call, paymentMethod, customer);
            if (!string.IsNullOrEmpty(defaultPm)) customer.DefaultPaymentMethod = defaultPm;
        }
        return customer.ToJson();
    }

    private static JsonNode Update(ApiCall call, string id)
    {
        var p = call.Params;
        var customer = call.Account.Customers.Get(id);
        var before = customer.ToJson();
        var defaultPm = p.Update("invoice_settings.default_payment_method");
        if (defaultPm is { IsSet: true, Value: { } pmId } && call.Account.PaymentMethods.Find(pmId)?.Customer != customer.Id)
            throw NotAttached(pmId);
        Apply(customer, p);
        if (defaultPm.IsSet) customer.DefaultPaymentMethod = defaultPm.Value;
        call.EmitUpdated("customer.updated", customer, before);
        return customer.ToJson();
    }

    private static void Apply(Customer customer, Params p)
    {
        if (p.Update("email") is { IsSet: true } email) customer.Email = email.Value;
        if (p.Update("name") is { IsSet: true } name) customer.Name = name.Value;
        if (p.Update("description") is { IsSet: true } description) customer.Description = description.Value;
        if (p.Update("phone") is { IsSet: true } phone) customer.Phone = phone.Value;
        if (p.Update("invoice_settings.footer") is { IsSet: true } footer) customer.InvoiceFooter = footer.Value;
        if (p.Long("balance") is { } balance) customer.Balance = balance;
        if (p.Long("next_invoice_sequence") is { } sequence) customer.NextInvoiceSequence = sequence;
        if (p.String("tax_exempt") is { Length: > 0 } taxExempt) customer.TaxExempt = taxExempt;
        if (p.Has("preferred_locales")) customer.PreferredLocales = [.. p.Strings("preferred_locales")];
        if (p.Root["address"] is JsonObject address) customer.Address = Json.Address(address);
        else if (p.String("address") == "") customer.Address = null;
        p.ApplyMetadata(customer.Metadata);
    }

    private static JsonNode List(ApiCall call)
    {
        var email = call.Params.String("email");
        var customers = call.Account.Customers.NewestFirst().Where(c => email is null || c.Email == email);
        return ListPage.Render(customers, call.Params, "/v1/customers");
    }

    private static ApiException NotAttached(string pm) => ApiException.InvalidRequest(
        $"The customer does not have a payment method with the ID {pm}. The payment method must be attached to the customer.",
        "invoice_settings[default_payment_method]", "resource_missing");

    public static ApiException AlreadyAttached(string pm) => ApiException.InvalidRequest(
        $"The payment method you provided has already been attached to a customer. ({pm})", "payment_method", "payment_method_unexpected_state");
}
