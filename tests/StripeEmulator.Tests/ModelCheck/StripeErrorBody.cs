using Newtonsoft.Json;
using Stripe;

namespace StripeEmulator.Tests.ModelCheck;

/// <summary>An error answer, <c>{"error": {...}}</c>: Stripe.net reads the inner object as its <see cref="StripeError"/>.</summary>
public sealed class StripeErrorBody : StripeEntity<StripeErrorBody>
{
    [JsonProperty("error")]
    public StripeError? Error { get; set; }
}
