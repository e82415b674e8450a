using System.Text.Json.Nodes;

namespace StripeEmulator.Http;

/// <summary>
/// A Stripe error answer. Thrown by handlers before they change any state and turned into
/// Stripe's <c>{"error":{...}}</c> body in one place, so each handler reads as a straight line.
/// </summary>
internal sealed class ApiException(int status, string type, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Type { get; } = type;
    public string? Code { get; init; }
    public string? DeclineCode { get; init; }
    public string? Param { get; init; }
    public string? ChargeId { get; init; }
    public JsonObject? PaymentIntent { get; init; }
    public JsonObject? PaymentMethod { get; init; }

    public static ApiException InvalidRequest(string message, string? param = null, string? code = null) =>
        new(400, "invalid_request_error", message) { Param = param, Code = code };

    public static ApiException Missing(string param) =>
        InvalidRequest($"Missing required param: {param}.", param, "parameter_missing");

    public static ApiException NoSuch(string resource, string id, string param = "id") =>
        new(404, "invalid_request_error", $"No such {resource}: '{id}'") { Param = param, Code = "resource_missing" };

    public static ApiException NotFoundUrl(string method, string path) =>
        new(404, "invalid_request_error",
            $"Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");

    public JsonObject ToJson()
    {
        var error = new JsonObject { ["type"] = Type, ["message"] = Message };
        if (Code is not null)
        {
            error["code"] = Code;
            error["doc_url"] = $"https://stripe.com/docs/error-codes/{Code.Replace('_', '-')}";
        }
        if (DeclineCode is not null) error["decline_code"] = DeclineCode;
        if (Param is not null) error["param"] = Param;
        if (ChargeId is not null) error["charge"] = ChargeId;
        if (PaymentIntent is not null) error["payment_intent"] = PaymentIntent.DeepClone();
        if (PaymentMethod is not null) error["payment_method"] = PaymentMethod.DeepClone();
        return new JsonObject { ["error"] = error };
    }
}
