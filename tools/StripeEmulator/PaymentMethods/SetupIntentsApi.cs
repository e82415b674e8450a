using System.Text.Json.Nodes;
using StripeEmulator.Http;
using StripeEmulator.State;

namespace StripeEmulator.PaymentMethods;

/// <summary>Setup intents for the update-card flow: with <c>confirm=true</c> and a card, the card is checked and attached.</summary>
internal static class SetupIntentsApi
{
    private static readonly string[] CreateParams =
    [
        "allowed_payment_method_types", "attach_to_self", "automatic_payment_methods", "confirm", "confirmation_token", "customer",
        "customer_account", "description", "excluded_payment_method_types", "flow_directions", "mandate_data", "metadata", "on_behalf_of",
        "payment_method", "payment_method_configuration", "payment_method_data", "payment_method_options", "payment_method_types",
        "return_url", "single_use", "usage", "use_stripe_sdk",
    ];

    public static void MapSetupIntents(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/setup_intents", (HttpContext http) => Api.Run(http, CreateParams, Create));

    private static JsonNode Create(ApiCall call)
    {
        var p = call.Params;
        var customer = p.String("customer") is { Length: > 0 } customerId ? call.Account.Customers.Get(customerId, "customer") : null;
        var usage = p.String("usage") is { Length: > 0 } u ? u : "off_session";
        if (usage is not ("off_session" or "on_session"))
            throw ApiException.InvalidRequest($"Invalid usage: must be one of off_session or on_session", "usage");
        var method = p.String("payment_method") is { Length: > 0 } pm ? PaymentMethodsApi.Resolve(call, pm, "payment_method") : null;
        var intent = new SetupIntent(Ids.New("seti"), call.Now, usage) { Customer = customer?.Id, Description = p.String("description") };
        p.ApplyMetadata(intent.Metadata);
        intent.PaymentMethod = method?.Id;
        intent.Status = method is null ? "requires_payment_method" : "requires_confirmation";
        call.Account.SetupIntents.Add(intent);
        call.Emit("setup_intent.created", intent);

        if (p.Bool("confirm") == true)
        {
            if (method is null)
                throw ApiException.InvalidRequest("You cannot confirm this SetupIntent because it's missing a payment method.", "payment_method",
                    "setup_intent_unexpected_state");
            if (method.Card.OnAttach is { } decline)
            {
                var error = PaymentMethodsApi.CardError(decline, method);
                intent.Status = "requires_payment_method";
                intent.LastSetupError = (JsonObject)error.ToJson()["error"]!;
                intent.PaymentMethod = null;
                call.Emit("setup_intent.setup_failed", intent);
                call.Failure = error;
                return intent.ToJson();
            }
            if (customer is not null && method.Customer is null) PaymentMethodsApi.AttachTo(call, method, customer);
            intent.Status = "succeeded";
            call.Emit("setup_intent.succeeded", intent);
        }
        return intent.ToJson();
    }
}
