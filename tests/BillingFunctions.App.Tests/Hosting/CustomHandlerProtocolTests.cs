using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BillingFunctions.App.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace BillingFunctions.App.Tests.Hosting;

/// <summary>
/// Invocation requests shaped as the Functions host sends them to a custom handler (POST /{function} with Data and
/// Metadata), answered with Outputs, Logs and ReturnValue.
/// </summary>
public sealed class CustomHandlerProtocolTests : IDisposable
{
    private readonly List<TimerInfo> _timers = [];
    private readonly List<string> _messages = [];
    private readonly WebApplicationFactory<Program> _factory;

    public CustomHandlerProtocolTests()
    {
        var timer = new TimerFunction("nightly", "0 0 2 * * *", (info, context, _) =>
        {
            _timers.Add(info);
            context.Logger.LogInformation("Nightly run, past due: {IsPastDue}", info.IsPastDue);
            return Task.CompletedTask;
        });
        var queue = new QueueFunction("work", "work-items", (message, context, _) =>
        {
            _messages.Add(message);
            context.Logger.LogInformation("Took {Message}", message);
            return Task.CompletedTask;
        });
        var failing = new QueueFunction("failing", "failing-items", (_, _, _) => throw new InvalidOperationException("the handler broke"));

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting(AppSettings.LocalTriggersEnabled, "false");
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<FunctionDeclaration>(timer);
                services.AddSingleton<FunctionDeclaration>(queue);
                services.AddSingleton<FunctionDeclaration>(failing);
            });
        });
    }

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpStatusCode Status, JsonObject Body)> InvokeAsync(string function, string payload)
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/" + function, new StringContent(payload, Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return (response.StatusCode, body);
    }

    [Fact]
    public async Task Timer_invocation_from_the_host_reaches_the_handler_and_answers_outputs_logs_and_return_value()
    {
        const string Payload = """
            {
              "Data": {
                "timer": {
                  "Schedule":{"AdjustForDST":true},
                  "ScheduleStatus":{
                    "Last":"2026-09-24T02:00:00.0096035+00:00","Next":"2026-09-25T02:00:00+00:00","LastUpdated":"2026-09-24T02:00:00.0096035+00:00"
                  },
                  "IsPastDue":true
                }
              },
              "Metadata": {
                "sys": {"MethodName":"nightly","UtcNow":"2026-09-25T02:00:00.0151234Z","RandGuid":"4f6e3d8a-8c43-4f0c-9a57-1d0f2f6c0b11"}
              }
            }
            """;

        var (status, body) = await InvokeAsync("nightly", Payload);

        Assert.Equal(HttpStatusCode.OK, status);
        var timer = Assert.Single(_timers);
        Assert.True(timer.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 9, 25, 2, 0, 0, TimeSpan.Zero), timer.ScheduleStatus!.Next);
        Assert.Equal(JsonValueKind.Object, body["Outputs"]!.GetValueKind());
        Assert.Equal(["Nightly run, past due: True"], body["Logs"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.True(body.ContainsKey("ReturnValue"));
        Assert.Null(body["ReturnValue"]);
    }

    [Fact]
    public async Task Queue_message_serialized_by_the_host_as_a_quoted_string_reaches_the_handler_as_the_original_text()
    {
        // The host passes string inputs through JsonConvert.SerializeObject, so the message text arrives quoted.
        var message = """{"tenant":"acme","eventId":"evt_1"}""";
        var hostValue = JsonSerializer.Serialize(message);
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = hostValue },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = "1",
                ["ExpirationTime"] = "2026-10-02T17:58:31+00:00",
                ["Id"] = "\"800ae4b3-bdd2-4c08-badd-f08e5a34b865\"",
                ["InsertionTime"] = "2026-09-25T17:58:31+00:00",
                ["NextVisibleTime"] = "2026-09-25T18:08:32+00:00",
                ["PopReceipt"] = "\"AgAAAAMAAAAAAAAAAgtnj8x+1QE=\"",
                ["sys"] = new JsonObject { ["MethodName"] = "work", ["UtcNow"] = "2026-09-25T17:58:32.2205399Z" },
            },
        }.ToJsonString();

        var (status, body) = await InvokeAsync("work", payload);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([message], _messages);
        Assert.Equal([$"Took {message}"], body["Logs"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public async Task Queue_message_in_the_documented_sample_shape_reaches_the_handler_unchanged()
    {
        const string Payload = """
            {
              "Data": { "message": "{ message: \"Message sent\" }" },
              "Metadata": { "DequeueCount": 1, "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865" }
            }
            """;

        var (status, _) = await InvokeAsync("work", Payload);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["{ message: \"Message sent\" }"], _messages);
    }

    [Fact]
    public async Task Handler_failure_answers_500_so_the_host_retries_and_logs_the_error()
    {
        var payload = """{"Data":{"message":"\"boom\""},"Metadata":{"DequeueCount":"1"}}""";

        var (status, body) = await InvokeAsync("failing", payload);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains(body["Logs"]!.AsArray(), l => l!.GetValue<string>().Contains("the handler broke"));
    }

    [Fact]
    public async Task Invocation_without_the_trigger_value_fails_rather_than_running_the_handler_with_nothing()
    {
        var (status, _) = await InvokeAsync("work", """{"Data":{},"Metadata":{}}""");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Empty(_messages);
    }

    [Fact]
    public async Task Malformed_invocation_body_is_a_bad_request()
    {
        var (status, _) = await InvokeAsync("work", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(_messages);
    }

    [Fact]
    public async Task Http_functions_are_plain_endpoints_under_the_api_prefix_as_forwarded_by_the_host()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/api/health");

        Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
    }
}
