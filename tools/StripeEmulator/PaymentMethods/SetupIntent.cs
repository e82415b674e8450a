using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.PaymentMethods;

internal sealed class SetupIntent(string id, long created, string usage) : IStripeObject
{
    public string Id { get; } = id;
    public long Created { get; } = created;
    public string Usage { get; } = usage;
    public string? Customer { get; init; }
    public string? Description { get; init; }
    public string? PaymentMethod { get; set; }
    public string Status { get; set; } = "requires_payment_method";
    public JsonObject? LastSetupError { get; set; }
    public Dictionary<string, string> Metadata { get; } = [];

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "setup_intent",
        ["application"] = null,
        ["automatic_payment_methods"] = null,
        ["cancellation_reason"] = null,
        ["client_secret"] = Id + "_secret_emulator",
        ["created"] = Created,
        ["customer"] = Customer,
        ["description"] = Description,
        ["flow_directions"] = null,
        ["last_setup_error"] = LastSetupError?.DeepClone(),
        ["latest_attempt"] = null,
        ["livemode"] = false,
        ["mandate"] = null,
        ["metadata"] = Json.Metadata(Metadata),
        ["next_action"] = null,
        ["on_behalf_of"] = null,
        ["payment_method"] = PaymentMethod,
        ["payment_method_options"] = new JsonObject
        {
            ["card"] = new JsonObject { ["mandate_options"] = null, ["network"] = null, ["request_three_d_secure"] = "automatic" },
        },
        ["payment_method_types"] = new JsonArray("card"),
        ["single_use_mandate"] = null,
        ["status"] = Status,
        ["usage"] = Usage,
    };
}
