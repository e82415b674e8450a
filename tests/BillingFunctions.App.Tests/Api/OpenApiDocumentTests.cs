using System.Text.Json.Nodes;
using BillingFunctions.App.Http;

namespace BillingFunctions.App.Tests.Api;

/// <summary>The OpenAPI document the app serves is the one checked in as docs/openapi.json, so API changes show in review.</summary>
public sealed class OpenApiDocumentTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static string CheckedInPath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../docs/openapi.json"));

    [Fact]
    public async Task The_served_document_matches_the_checked_in_one()
    {
        using var client = host.NewClient();
        var served = JsonNode.Parse(await client.GetStringAsync(BillingApi.OpenApiPath))!;
        var text = served.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(CheckedInPath(), text);

        Assert.True(File.Exists(CheckedInPath()), $"{CheckedInPath()} is missing; run this test with UPDATE_OPENAPI=1 to write it.");
        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(CheckedInPath()))!;
        Assert.True(JsonNode.DeepEquals(checkedIn, JsonNode.Parse(text)),
            "The API changed: review the difference and run this test with UPDATE_OPENAPI=1 to update docs/openapi.json.");
    }

    [Fact]
    public async Task Every_crm_route_is_in_the_document_with_its_problem_responses_typed()
    {
        using var client = host.NewClient();
        var document = JsonNode.Parse(await client.GetStringAsync(BillingApi.OpenApiPath))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[] { "/api/v1/platform/tenants", "/api/v1/customers", "/api/v1/invoices/{invoiceId}/finalize",
            "/api/v1/dashboards/rep", "/api/v1/audit" })
            Assert.Contains(path, paths);
    }
}
