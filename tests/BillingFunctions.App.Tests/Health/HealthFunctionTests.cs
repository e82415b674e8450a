extern alias emulator;
using System.Net;
using System.Text.Json.Nodes;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tests.Testing;
using EmulatorOptions = emulator::StripeEmulator.EmulatorOptions;
using RunningEmulator = emulator::StripeEmulator.RunningEmulator;

namespace BillingFunctions.App.Tests.Health;

public sealed class HealthFunctionTests
{
    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetHealthAsync(Dictionary<string, string?> settings)
    {
        using var app = TestApp.Create(settings);
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/health");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string CheckStatus(JsonNode body, string check) => body["checks"]![check]!["status"]!.GetValue<string>();

    [Fact]
    public async Task Healthy_when_storage_and_the_stripe_emulator_answer()
    {
        await using var stripe = await RunningEmulator.StartAsync(new EmulatorOptions());

        var (status, body) = await GetHealthAsync(new()
        {
            [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
            ["Stripe:Mode"] = "emulator",
            ["Stripe:BaseUrl"] = stripe.BaseUrl.ToString(),
            ["Stripe:ApiKey"] = "sk_test_health",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body["status"]!.GetValue<string>());
        Assert.Equal(["ok", "ok", "ok"], new[] { "tables", "queues", "stripe" }.Select(c => CheckStatus(body, c)));
    }

    [Fact]
    public async Task Unhealthy_503_names_the_part_that_does_not_answer()
    {
        await using var stripe = await RunningEmulator.StartAsync(new EmulatorOptions());
        const string DeadStorage =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            "TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;";

        var (status, body) = await GetHealthAsync(new()
        {
            [AppSettings.StorageConnectionSetting] = DeadStorage,
            ["Stripe:BaseUrl"] = stripe.BaseUrl.ToString(),
            ["Stripe:ApiKey"] = "sk_test_health",
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body["status"]!.GetValue<string>());
        Assert.NotEqual("ok", CheckStatus(body, "tables"));
        Assert.NotEqual("ok", CheckStatus(body, "queues"));
        Assert.Equal("ok", CheckStatus(body, "stripe"));
    }

    [Fact]
    public async Task Unconfigured_dependencies_are_reported_as_such()
    {
        var (status, body) = await GetHealthAsync(new());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(["not-configured", "not-configured", "not-configured"],
            new[] { "tables", "queues", "stripe" }.Select(c => CheckStatus(body, c)));
    }
}
