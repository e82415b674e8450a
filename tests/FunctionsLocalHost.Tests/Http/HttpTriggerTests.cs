using System.Net;
using System.Text.Json;
using FunctionsLocalHost.Tests.Testing;

namespace FunctionsLocalHost.Tests.Http;

public class HttpTriggerTests : IAsyncLifetime
{
    private LocalFunctionHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await SampleHost.StartAsync();
        _client = new HttpClient { BaseAddress = _host.HttpAddress };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Route_values_and_the_real_request_reach_the_function_and_its_IActionResult_is_executed()
    {
        var response = await _client.GetAsync("/sample/items/42?q=blue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(42, body.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("GetItem", body.RootElement.GetProperty("function").GetString());
        Assert.Equal("blue", body.RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public async Task Each_declared_method_is_served_and_others_are_refused()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsync("/sample/items/7", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync("/sample/items/7")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _client.PostAsync("/sample/items/7", null)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _client.DeleteAsync("/sample/greet/ann")).StatusCode);
    }

    [Fact]
    public async Task Routes_live_under_the_host_json_prefix_and_keep_their_constraints()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/sample/items/seven")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/items/7")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/items/7")).StatusCode);
    }

    [Fact]
    public async Task An_async_function_returning_a_plain_Task_leaves_the_response_it_wrote()
    {
        var response = await _client.GetAsync("/sample/own/hi");

        Assert.Equal(HttpStatusCode.NonAuthoritativeInformation, response.StatusCode);
        Assert.Equal("wrote hi", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_HttpResponseData_made_from_HttpRequestData_is_copied_to_the_response()
    {
        var response = await _client.GetAsync("/sample/greet/ann");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ann", Assert.Single(response.Headers.GetValues("X-Greeted")));
        Assert.Equal("hello ann", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_function_that_throws_answers_500_and_one_without_a_route_is_served_at_its_name()
    {
        var response = await _client.PostAsync("/sample/Boom", null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("before Boom", _host.Log().Entries);
        Assert.Contains("after Boom", _host.Log().Entries);
    }

    [Fact]
    public async Task Worker_middleware_runs_around_the_function_in_registration_order()
    {
        var response = await _client.GetAsync("/sample/items/5");

        Assert.Equal("ran", Assert.Single(response.Headers.GetValues("X-Middleware")));
        Assert.Equal(["before GetItem", "http middleware GetItem", "GetItem 5", "after GetItem"],
            _host.Log().Entries.Where(e => e.Contains("GetItem")));
    }

    [Fact]
    public async Task Middleware_that_answers_itself_keeps_the_function_from_running()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sample/items/6");
        request.Headers.Add("X-Block", "yes");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("blocked by middleware", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("GetItem 6", _host.Log().Entries);
    }

    [Fact]
    public async Task Each_invocation_gets_its_own_service_scope()
    {
        var first = JsonDocument.Parse(await _client.GetStringAsync("/sample/items/1")).RootElement.GetProperty("scope").GetGuid();
        var second = JsonDocument.Parse(await _client.GetStringAsync("/sample/items/1")).RootElement.GetProperty("scope").GetGuid();

        Assert.NotEqual(first, second);
    }
}
