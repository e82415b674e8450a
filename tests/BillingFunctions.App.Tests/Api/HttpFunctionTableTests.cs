using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BillingFunctions.App.Http;
using Microsoft.AspNetCore.Routing;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// The HTTP functions and the endpoints they run are declared apart (the [Function] attributes for the host, the Map
/// calls for binding and the OpenAPI document); these tests hold the two to each other and check what the functions
/// do that middleware did before.
/// </summary>
public sealed class HttpFunctionTableTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public void Every_endpoint_is_an_http_function_with_its_route_and_methods_and_every_http_function_has_its_endpoint()
    {
        var endpoints = host.Services.GetRequiredService<EndpointFunctions>().ByName;
        var functions = host.Host.Functions.Where(f => f.TriggerType == "httpTrigger").ToDictionary(f => f.Name);

        // The development clock is mapped only with time travel, which this host has off.
        Assert.Equal(endpoints.Keys.Order(), functions.Keys.Except(["dev-clock", "dev-clock-advance", EndpointFunctions.NoRouteFunction]).Order());
        foreach (var (name, endpoint) in endpoints)
        {
            var function = functions[name];
            Assert.Equal(endpoint.RoutePattern.RawText!.Trim('/'), "api/" + function.Route);
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => m.ToLowerInvariant());
            Assert.Equal(methods.Order(), function.Methods!.Order());
        }
    }

    [Fact]
    public async Task A_function_whose_endpoint_is_not_mapped_answers_a_404_problem()
    {
        using var client = host.NewClient();

        var response = await client.GetAsync("/api/dev/clock");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_request_without_credentials_is_challenged_with_a_401_problem_that_says_why()
    {
        using var client = host.NewClient();

        var response = await client.GetAsync("/api/v1/invoices");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.EndsWith("/unauthenticated", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem_and_unreadable_json_a_400_problem()
    {
        var tenant = await host.ProvisionAsync();
        using var admin = host.As(tenant.ApiKey, "admin");

        var text = await admin.PostAsync("/api/v1/customers", new StringContent("name=Globex", Encoding.UTF8, "text/plain"));
        var broken = await admin.PostAsync("/api/v1/customers", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.EndsWith("/unsupported-media-type", JsonNode.Parse(await text.Content.ReadAsStringAsync())!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.EndsWith("/invalid-request", JsonNode.Parse(await broken.Content.ReadAsStringAsync())!["type"]!.GetValue<string>());
    }
}
