namespace BillingFunctions.Adapters.Stripe;

/// <summary>Parameters of <c>POST /v1/invoices</c>.</summary>
public sealed record InvoiceCreateRequest
{
    /// <summary>The customer billed (<c>cus_...</c>).</summary>
    public required string Customer { get; init; }

    /// <summary><c>charge_automatically</c> (default) or <c>send_invoice</c>.</summary>
    public string? CollectionMethod { get; init; }

    /// <summary>Days until due, for <c>send_invoice</c>.</summary>
    public int? DaysUntilDue { get; init; }

    /// <summary>Due date, for <c>send_invoice</c>.</summary>
    public DateTimeOffset? DueDate { get; init; }

    /// <summary>Whether Stripe finalizes and collects by itself; we drive it, so usually false.</summary>
    public bool? AutoAdvance { get; init; }

    /// <summary>
    /// <c>include</c> to pull in the customer's pending invoice items, <c>exclude</c> (Stripe's default
    /// in this API version) for an empty draft.
    /// </summary>
    public string? PendingInvoiceItemsBehavior { get; init; }

    /// <summary>Three-letter ISO currency; defaults to the customer's.</summary>
    public string? Currency { get; init; }

    /// <summary>Payment method to charge instead of the customer's default.</summary>
    public string? DefaultPaymentMethod { get; init; }

    /// <summary>Memo shown on the invoice.</summary>
    public string? Description { get; init; }

    /// <summary>Footer shown on the invoice.</summary>
    public string? Footer { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    internal StripeForm ToForm() => new StripeForm()
        .Add("customer", Customer).Add("collection_method", CollectionMethod).Add("days_until_due", DaysUntilDue)
        .Add("due_date", DueDate).Add("auto_advance", AutoAdvance)
        .Add("pending_invoice_items_behavior", PendingInvoiceItemsBehavior).Add("currency", Currency)
        .Add("default_payment_method", DefaultPaymentMethod).Add("description", Description).Add("footer", Footer)
        .AddMetadata("metadata", Metadata);
}

/// <summary>Filters and paging of <c>GET /v1/invoices</c>.</summary>
public sealed record InvoiceListRequest : StripeListRequest
{
    /// <summary>Only this customer's invoices.</summary>
    public string? Customer { get; init; }

    /// <summary>Only invoices in this state: <c>draft</c>, <c>open</c>, <c>paid</c>, <c>uncollectible</c>, <c>void</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Only <c>charge_automatically</c> or only <c>send_invoice</c> invoices.</summary>
    public string? CollectionMethod { get; init; }

    /// <summary>Only invoices created in this range.</summary>
    public StripeTimeRange? Created { get; init; }

    internal StripeForm ToQuery()
    {
        var form = new StripeForm().Add("customer", Customer).Add("status", Status)
            .Add("collection_method", CollectionMethod).AddObject("created", Created, StripeTimeRange.Write);
        WritePaging(form);
        return form;
    }
}

/// <summary>Parameters of <c>POST /v1/invoices/{invoice}/finalize</c>.</summary>
public sealed record InvoiceFinalizeRequest
{
    /// <summary>Whether Stripe then collects by itself.</summary>
    public bool? AutoAdvance { get; init; }

    internal StripeForm ToForm() => new StripeForm().Add("auto_advance", AutoAdvance);
}

/// <summary>Parameters of <c>POST /v1/invoices/{invoice}/pay</c>.</summary>
public sealed record InvoicePayRequest
{
    /// <summary>Payment method to charge instead of the invoice's or customer's default.</summary>
    public string? PaymentMethod { get; init; }

    /// <summary>True when the customer is not present (renewals, dunning retries).</summary>
    public bool? OffSession { get; init; }

    /// <summary>True to record a payment made outside Stripe; nothing is charged.</summary>
    public bool? PaidOutOfBand { get; init; }

    /// <summary>True to accept a partial payment from the customer's balance and forgive the rest.</summary>
    public bool? Forgive { get; init; }

    internal StripeForm ToForm() => new StripeForm()
        .Add("payment_method", PaymentMethod).Add("off_session", OffSession)
        .Add("paid_out_of_band", PaidOutOfBand).Add("forgive", Forgive);
}
