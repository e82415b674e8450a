using System.Net;
using System.Text.Json.Nodes;
using BillingFunctions.App.Http;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// The answers the server gives because of how an operation is built (an Idempotency-Key, a JSON body, a call to
/// Stripe, the directory's own rules) are in the document, so a CRM developer can handle them.
/// </summary>
public sealed class OpenApiStatusCodeTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] CallsStripe =
        ["CreateCustomer", "SetDefaultPaymentMethod", "FinalizeInvoice", "SendInvoice", "PayInvoice", "VoidInvoice", "MarkInvoiceUncollectible"];

    [Fact]
    public async Task Every_operation_documents_the_answers_its_kind_of_request_can_get()
    {
        var missing = new List<string>();
        foreach (var (method, path, operation) in await OperationsAsync())
        {
            var id = operation["operationId"]!.GetValue<string>();
            var responses = operation["responses"]!.AsObject();
            void Expect(string status, string why)
            {
                if (!responses.ContainsKey(status)) missing.Add($"{method} {path} ({id}): no {status} ({why})");
            }

            var tenantPost = method == "post" && !path.StartsWith("/api/v1/platform/", StringComparison.Ordinal);
            if (tenantPost)
            {
                Expect("409", "request-in-progress");
                Expect("422", "idempotency-key-reused");
                if (operation["parameters"]?.AsArray().Any(p => p!["in"]!.GetValue<string>() == "header"
                    && p["name"]!.GetValue<string>() == "Idempotency-Key") != true)
                    missing.Add($"{method} {path} ({id}): no Idempotency-Key header");
            }
            if (operation["requestBody"]?["content"]?["application/json"] is not null) Expect("415", "a JSON body");
            if (CallsStripe.Contains(id)) Expect("502", "Stripe fails");
            if (id is "PutUser" or "RemoveUser") Expect("409", "an admin removing or demoting themself");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task A_query_parameter_the_server_needs_is_documented_as_required()
    {
        var (_, _, list) = (await OperationsAsync()).Single(o => o.Operation["operationId"]!.GetValue<string>() == "ListSubscriptions");
        var customerId = list["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "customerId")!;
        Assert.True(customerId["required"]?.GetValue<bool>() == true, "ListSubscriptions: customerId is optional in the document");

        using var world = await TenantWorld.CreateAsync(host);
        Assert.Equal(HttpStatusCode.BadRequest, (await world.RepA1.GetAsync("/api/v1/subscriptions")).StatusCode);
    }

    private async Task<List<(string Method, string Path, JsonNode Operation)>> OperationsAsync()
    {
        using var client = host.NewClient();
        var document = JsonNode.Parse(await client.GetStringAsync(BillingApi.OpenApiPath))!;
        return document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "delete" or "patch")
                .Select(o => (o.Key, p.Key, o.Value!)))
            .ToList();
    }
}
