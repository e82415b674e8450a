namespace BillingFunctions.Adapters.Stripe;

/// <summary>Parameters of <c>POST /v1/customers</c>.</summary>
public sealed record CustomerCreateRequest
{
    /// <summary>Name.</summary>
    public string? Name { get; init; }

    /// <summary>Email.</summary>
    public string? Email { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>Postal address.</summary>
    public StripeAddress? Address { get; init; }

    /// <summary>A payment method to attach at creation (<c>pm_...</c>).</summary>
    public string? PaymentMethod { get; init; }

    /// <summary>Invoice defaults.</summary>
    public CustomerInvoiceSettingsRequest? InvoiceSettings { get; init; }

    /// <summary>Preferred languages for emails and invoices, e.g. <c>de</c>.</summary>
    public IReadOnlyList<string>? PreferredLocales { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    internal StripeForm ToForm() => new StripeForm()
        .Add("name", Name).Add("email", Email).Add("description", Description).Add("phone", Phone)
        .AddObject("address", Address, StripeAddress.Write)
        .Add("payment_method", PaymentMethod)
        .AddObject("invoice_settings", InvoiceSettings, CustomerInvoiceSettingsRequest.Write)
        .AddValues("preferred_locales", PreferredLocales)
        .AddMetadata("metadata", Metadata);
}

/// <summary>Parameters of <c>POST /v1/customers/{customer}</c>; only the fields set are changed.</summary>
public sealed record CustomerUpdateRequest
{
    /// <summary>Name.</summary>
    public string? Name { get; init; }

    /// <summary>Email.</summary>
    public string? Email { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>Postal address.</summary>
    public StripeAddress? Address { get; init; }

    /// <summary>Invoice defaults; set <c>DefaultPaymentMethod</c> here to choose the card invoices are charged to.</summary>
    public CustomerInvoiceSettingsRequest? InvoiceSettings { get; init; }

    /// <summary>Preferred languages.</summary>
    public IReadOnlyList<string>? PreferredLocales { get; init; }

    /// <summary>Keys to set; an empty value removes that key.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    internal StripeForm ToForm() => new StripeForm()
        .Add("name", Name).Add("email", Email).Add("description", Description).Add("phone", Phone)
        .AddObject("address", Address, StripeAddress.Write)
        .AddObject("invoice_settings", InvoiceSettings, CustomerInvoiceSettingsRequest.Write)
        .AddValues("preferred_locales", PreferredLocales)
        .AddMetadata("metadata", Metadata);
}

/// <summary>A customer's invoice defaults, as sent (<c>invoice_settings[...]</c>).</summary>
public sealed record CustomerInvoiceSettingsRequest
{
    /// <summary>The payment method invoices are charged to (<c>pm_...</c>); it must be attached to the customer.</summary>
    public string? DefaultPaymentMethod { get; init; }

    /// <summary>Footer printed on invoices.</summary>
    public string? Footer { get; init; }

    internal static void Write(StripeForm form, CustomerInvoiceSettingsRequest settings) =>
        form.Add("default_payment_method", settings.DefaultPaymentMethod).Add("footer", settings.Footer);
}

/// <summary>Filters and paging of <c>GET /v1/customers</c>.</summary>
public sealed record CustomerListRequest : StripeListRequest
{
    /// <summary>Only customers with exactly this email (case-sensitive).</summary>
    public string? Email { get; init; }

    /// <summary>Only customers created in this range.</summary>
    public StripeTimeRange? Created { get; init; }

    internal StripeForm ToQuery()
    {
        var form = new StripeForm().Add("email", Email).AddObject("created", Created, StripeTimeRange.Write);
        WritePaging(form);
        return form;
    }
}
