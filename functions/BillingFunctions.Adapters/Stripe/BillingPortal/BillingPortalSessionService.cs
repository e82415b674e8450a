namespace BillingFunctions.Adapters.Stripe;

/// <summary>Customer portal sessions: <c>/v1/billing_portal/sessions</c>.</summary>
public class BillingPortalSessionService
{
    private readonly StripeRequestSender sender = null!;

    /// <summary>For test doubles only.</summary>
    protected BillingPortalSessionService()
    {
    }

    internal BillingPortalSessionService(StripeRequestSender sender) => this.sender = sender;

    /// <summary>Creates a short-lived link to Stripe's customer portal (invoices, payment history, update card).</summary>
    /// <param name="request">Customer and return URL.</param>
    /// <param name="idempotencyKey">Derived from the business step.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeBillingPortalSession> CreateAsync(BillingPortalSessionCreateRequest request, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeBillingPortalSession>("/v1/billing_portal/sessions", request.ToForm(), idempotencyKey,
            cancellationToken);
}

/// <summary>Parameters of <c>POST /v1/billing_portal/sessions</c>.</summary>
public sealed record BillingPortalSessionCreateRequest
{
    /// <summary>The customer (<c>cus_...</c>).</summary>
    public required string Customer { get; init; }

    /// <summary>Where the portal's back link goes.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>Portal configuration (<c>bpc_...</c>); the account default when null.</summary>
    public string? Configuration { get; init; }

    /// <summary>Portal language, e.g. <c>de</c>; <c>auto</c> follows the browser.</summary>
    public string? Locale { get; init; }

    internal StripeForm ToForm() => new StripeForm()
        .Add("customer", Customer).Add("return_url", ReturnUrl).Add("configuration", Configuration).Add("locale", Locale);
}

/// <summary>A customer portal session.</summary>
public sealed record StripeBillingPortalSession
{
    /// <summary><c>bps_...</c></summary>
    public required string Id { get; init; }

    /// <summary>The link to send the customer to; valid for a short time only.</summary>
    public required string Url { get; init; }

    /// <summary>The customer.</summary>
    public required string Customer { get; init; }

    /// <summary>Where the portal's back link goes.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset Created { get; init; }
}
