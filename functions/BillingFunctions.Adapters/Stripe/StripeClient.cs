using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>
/// A typed client for the parts of Stripe's REST API we use, pinned to API version 2023-08-16. One client acts
/// for one account (key, or Connect account id); it is thread-safe, so keep one per account. Every POST carries
/// the caller's idempotency key, and retries (network errors, 409, 429, 5xx) reuse it, so a retried charge is
/// never a second charge.
/// </summary>
public class StripeClient
{
    /// <summary>For test doubles only.</summary>
    protected StripeClient()
    {
        Customers = null!;
        PaymentMethods = null!;
        SetupIntents = null!;
        InvoiceItems = null!;
        Invoices = null!;
        BillingPortalSessions = null!;
        Events = null!;
        Refunds = null!;
        CreditNotes = null!;
    }

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">A shared client; its <c>BaseAddress</c> is ignored in favour of <see cref="StripeClientOptions.BaseUrl"/>.</param>
    /// <param name="options">Account, key, retries and rate limit.</param>
    /// <param name="logger">Logs retries; never keys or card data.</param>
    public StripeClient(HttpClient httpClient, StripeClientOptions options, ILogger<StripeClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        var sender = new StripeRequestSender(httpClient, options, (ILogger?)logger ?? NullLogger.Instance);
        Customers = new CustomerService(sender);
        PaymentMethods = new PaymentMethodService(sender);
        SetupIntents = new SetupIntentService(sender);
        InvoiceItems = new InvoiceItemService(sender);
        Invoices = new InvoiceService(sender);
        BillingPortalSessions = new BillingPortalSessionService(sender);
        Events = new EventService(sender);
        Refunds = new RefundService(sender);
        CreditNotes = new CreditNoteService(sender);
    }

    /// <summary>Customers.</summary>
    public virtual CustomerService Customers { get; }

    /// <summary>Payment methods.</summary>
    public virtual PaymentMethodService PaymentMethods { get; }

    /// <summary>Setup intents (update-card flow).</summary>
    public virtual SetupIntentService SetupIntents { get; }

    /// <summary>Invoice items.</summary>
    public virtual InvoiceItemService InvoiceItems { get; }

    /// <summary>Invoices.</summary>
    public virtual InvoiceService Invoices { get; }

    /// <summary>Customer portal sessions.</summary>
    public virtual BillingPortalSessionService BillingPortalSessions { get; }

    /// <summary>Events.</summary>
    public virtual EventService Events { get; }

    /// <summary>Refunds.</summary>
    public virtual RefundService Refunds { get; }

    /// <summary>Credit notes.</summary>
    public virtual CreditNoteService CreditNotes { get; }
}
