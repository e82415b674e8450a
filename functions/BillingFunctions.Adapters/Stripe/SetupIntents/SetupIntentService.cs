using System.Text.Json.Serialization;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>Setup intents: <c>/v1/setup_intents</c>, for the update-card flow.</summary>
public class SetupIntentService
{
    private readonly StripeRequestSender sender = null!;

    /// <summary>For test doubles only.</summary>
    protected SetupIntentService()
    {
    }

    internal SetupIntentService(StripeRequestSender sender) => this.sender = sender;

    /// <summary>Creates a setup intent whose client secret lets the customer enter a new card.</summary>
    /// <param name="request">Customer and usage.</param>
    /// <param name="idempotencyKey">Derived from the business step.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeSetupIntent> CreateAsync(SetupIntentCreateRequest request, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeSetupIntent>("/v1/setup_intents", request.ToForm(), idempotencyKey, cancellationToken);
}

/// <summary>Parameters of <c>POST /v1/setup_intents</c>.</summary>
public sealed record SetupIntentCreateRequest
{
    /// <summary>The customer the saved payment method will belong to.</summary>
    public string? Customer { get; init; }

    /// <summary>Payment method types to allow; Stripe defaults to <c>card</c>.</summary>
    public IReadOnlyList<string>? PaymentMethodTypes { get; init; }

    /// <summary><c>off_session</c> (charged later without the customer, the default) or <c>on_session</c>.</summary>
    public string? Usage { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    internal StripeForm ToForm() => new StripeForm()
        .Add("customer", Customer).AddValues("payment_method_types", PaymentMethodTypes).Add("usage", Usage)
        .Add("description", Description).AddMetadata("metadata", Metadata);
}

/// <summary>A Stripe setup intent (the fields we use).</summary>
public sealed record StripeSetupIntent
{
    /// <summary><c>seti_...</c></summary>
    public required string Id { get; init; }

    /// <summary><c>requires_payment_method</c>, <c>requires_confirmation</c>, <c>requires_action</c>, <c>processing</c>, <c>canceled</c> or <c>succeeded</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Handed to the browser to collect the card; never log it.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The customer.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? Customer { get; init; }

    /// <summary>The payment method set up, once there is one.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? PaymentMethod { get; init; }

    /// <summary>Allowed payment method types.</summary>
    public IReadOnlyList<string> PaymentMethodTypes { get; init; } = [];

    /// <summary><c>off_session</c> or <c>on_session</c>.</summary>
    public required string Usage { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset Created { get; init; }
}
