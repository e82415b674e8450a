using System.Net;
using FunctionsLocalHost.Tests.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsLocalHost.Tests.Durable;

/// <summary>
/// The sample's approval orchestration on a task hub of its own (host.json hubName %SampleHub%) in Azurite: started by an
/// HTTP function through its [DurableClient] binding, its activity run through the app's middleware, its external
/// event racing a durable timer, and its state kept in storage across host restarts.
/// </summary>
public class OrchestrationTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task An_orchestration_started_over_http_runs_its_activity_through_the_middleware_and_completes_on_its_event()
    {
        var settings = SampleHost.Settings();
        await using var host = await SampleHost.StartAsync(settings);

        var started = await Http.PostAsync(new Uri(host.HttpAddress, "sample/approvals/ada?wait=120"), null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Contains("approval-ada", await started.Content.ReadAsStringAsync());
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        await client.WaitForInstanceStartAsync("approval-ada", getInputsAndOutputs: false);
        await SampleHost.Eventually(() => host.Log().Entries.Contains("MakeGreeting ada"), "the activity");
        await client.RaiseEventAsync("approval-ada", "approved", "grace");
        var done = await client.WaitForInstanceCompletionAsync("approval-ada", getInputsAndOutputs: true, Timeout(30));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello, ada, approved by grace", done.ReadOutputAs<string>());
        Assert.Equal(["before MakeGreeting", "MakeGreeting ada", "after MakeGreeting"],
            host.Log().Entries.Where(e => e.Contains("MakeGreeting")));
    }

    [Fact]
    public async Task Without_its_event_the_durable_timer_ends_the_wait()
    {
        await using var host = await SampleHost.StartAsync();

        await Http.PostAsync(new Uri(host.HttpAddress, "sample/approvals/bob?wait=2"), null);
        var done = await host.Services.GetRequiredService<DurableTaskClient>()
            .WaitForInstanceCompletionAsync("approval-bob", getInputsAndOutputs: true, Timeout(60));

        Assert.Equal("Hello, bob, not approved in time", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_waiting_instance_survives_a_host_restart_and_completes_in_the_next_host()
    {
        var settings = SampleHost.Settings();
        await using (var first = await SampleHost.StartAsync(settings))
        {
            await Http.PostAsync(new Uri(first.HttpAddress, "sample/approvals/cy?wait=600"), null);
            await SampleHost.Eventually(() => first.Log().Entries.Contains("MakeGreeting cy"), "the activity in the first host");
            // Stopped once the activity's result is in the history: work a stopped host held in flight would otherwise
            // wait out the queues' visibility timeout (15 s in the sample's host.json) before the next host sees it.
            var durable = first.Services.GetRequiredService<DurableTaskClient>();
            await SampleHost.Eventually(async () => (await durable.GetOrchestrationHistoryAsync("approval-cy"))
                .Any(e => e is DurableTask.Core.History.TaskCompletedEvent), "the activity's result recorded");
        }

        await using var second = await SampleHost.StartAsync(settings);
        var client = second.Services.GetRequiredService<DurableTaskClient>();
        await client.RaiseEventAsync("approval-cy", "approved", "dee");
        var done = await client.WaitForInstanceCompletionAsync("approval-cy", getInputsAndOutputs: true, Timeout(120));

        Assert.Equal("Hello, cy, approved by dee", done.ReadOutputAs<string>());
        // The activity ran in the first host only: the second replayed its recorded result.
        Assert.DoesNotContain("MakeGreeting cy", second.Log().Entries);
    }

    [Fact]
    public async Task Durable_functions_are_not_invoked_directly()
    {
        await using var host = await SampleHost.StartAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => host.InvokeAsync("MakeGreeting", "x"));
        Assert.Contains("Durable function", refused.Message);
    }

    private static CancellationToken Timeout(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
