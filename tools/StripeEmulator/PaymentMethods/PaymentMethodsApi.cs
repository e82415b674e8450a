using System.Text.Json.Nodes;
using StripeEmulator.Customers;
using StripeEmulator.Http;
using StripeEmulator.State;

namespace StripeEmulator.PaymentMethods;

internal static class PaymentMethodsApi
{
    public static void MapPaymentMethods(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/payment_methods/{id}/attach", (HttpContext http, string id) => Api.Run(http, ["customer", "customer_account"],
            call => Attach(call, id)));
        app.MapGet("/v1/payment_methods/{id}", (HttpContext http, string id) => Api.Run(http, [], call => Resolve(call, id, "id").ToJson()));
    }

    private static JsonNode Attach(ApiCall call, string id)
    {
        var customer = call.Account.Customers.Get(call.Params.RequiredString("customer"), "customer");
        var method = Resolve(call, id, "payment_method");
        if (method.Customer == customer.Id) return method.ToJson();
        if (method.Customer is not null) throw CustomersApi.AlreadyAttached(method.Id);
        if (method.Card.OnAttach is { } decline) throw CardError(decline, method);
        AttachTo(call, method, customer);
        return method.ToJson();
    }

    /// <summary>
    /// Finds a payment method. A test token such as <c>pm_card_visa</c> becomes a new <c>pm_...</c>
    /// object each time it is used, as on Stripe.
    /// </summary>
    public static PaymentMethod Resolve(ApiCall call, string idOrToken, string param)
    {
        if (TestCard.Find(idOrToken) is { } card)
            return call.Account.PaymentMethods.Add(new PaymentMethod(Ids.New("pm"), call.Now, card));
        return call.Account.PaymentMethods.Get(idOrToken, param);
    }

    public static void AttachTo(ApiCall call, PaymentMethod method, Customer customer)
    {
        method.Customer = customer.Id;
        call.Emit("payment_method.attached", method);
    }

    public static ApiException CardError(Decline decline, PaymentMethod method, string? chargeId = null, JsonObject? paymentIntent = null) =>
        new(402, "card_error", decline.Message)
        {
            Code = decline.Code,
            DeclineCode = decline.DeclineCode,
            Param = decline.Param,
            ChargeId = chargeId,
            PaymentIntent = paymentIntent,
            PaymentMethod = method.ToJson(),
        };
}
