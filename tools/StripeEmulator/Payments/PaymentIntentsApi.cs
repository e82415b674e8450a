using StripeEmulator.Http;

namespace StripeEmulator.Payments;

/// <summary>
/// Reading a PaymentIntent: since basil the way from an invoice to why its payment failed is
/// <c>invoice.payments</c> → <c>payment.payment_intent</c> → <c>last_payment_error</c>.
/// </summary>
internal static class PaymentIntentsApi
{
    public static void MapPaymentIntents(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/payment_intents/{id}", (HttpContext http, string id) =>
            Api.Run(http, ["client_secret"], call => call.Account.PaymentIntents.Get(id).ToJson()));
}
