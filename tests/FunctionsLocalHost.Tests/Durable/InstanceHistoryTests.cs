using System.Net;
using DurableTask.Core.History;
using FunctionsLocalHost.Tests.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsLocalHost.Tests.Durable;

/// <summary>
/// An instance's history read through the durable client, as the Functions host serves it in Azure: the sidecar answers
/// the client's history stream from the task hub's history table, and an unknown instance is not found.
/// </summary>
public class InstanceHistoryTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task A_finished_instance_shows_its_activity_timer_and_event_in_order()
    {
        await using var host = await SampleHost.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        var started = await Http.PostAsync(new Uri(host.HttpAddress, "sample/approvals/eve?wait=120"), null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await SampleHost.Eventually(() => HasTimer(client, "approval-eve"), "the timer in the history");
        await client.RaiseEventAsync("approval-eve", "approved", "fay");
        await client.WaitForInstanceCompletionAsync("approval-eve", getInputsAndOutputs: false, Timeout(30));

        var history = await client.GetOrchestrationHistoryAsync("approval-eve");

        var telling = history.Where(e => e.EventType is not (EventType.OrchestratorStarted or EventType.OrchestratorCompleted)).ToList();
        Assert.Equal(
            [EventType.ExecutionStarted, EventType.TaskScheduled, EventType.TaskCompleted, EventType.TimerCreated, EventType.EventRaised,
                EventType.ExecutionCompleted],
            telling.Select(e => e.EventType));
        Assert.Equal("Approval", Assert.IsType<ExecutionStartedEvent>(telling[0]).Name);
        Assert.Equal("MakeGreeting", Assert.IsType<TaskScheduledEvent>(telling[1]).Name);
        Assert.Equal("\"Hello, eve\"", Assert.IsType<TaskCompletedEvent>(telling[2]).Result);
        Assert.True(Assert.IsType<TimerCreatedEvent>(telling[3]).FireAt > telling[0].Timestamp.AddSeconds(100));
        Assert.Equal("approved", Assert.IsType<EventRaisedEvent>(telling[4]).Name);
        Assert.Contains("approved by fay", Assert.IsType<ExecutionCompletedEvent>(telling[5]).Result);
        Assert.All(history, e => Assert.NotEqual(default, e.Timestamp));
    }

    [Fact]
    public async Task A_running_instance_shows_what_it_did_so_far()
    {
        await using var host = await SampleHost.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        await Http.PostAsync(new Uri(host.HttpAddress, "sample/approvals/gus?wait=600"), null);
        await SampleHost.Eventually(() => HasTimer(client, "approval-gus"), "the timer in the history");

        var history = await client.GetOrchestrationHistoryAsync("approval-gus");
        Assert.Equal("MakeGreeting", history.OfType<TaskScheduledEvent>().Single().Name);
        Assert.DoesNotContain(history, e => e.EventType == EventType.ExecutionCompleted);
    }

    [Fact]
    public async Task A_failed_instance_shows_each_failed_attempt_and_ends_failed_with_its_error()
    {
        await using var host = await SampleHost.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        await client.ScheduleNewOrchestrationInstanceAsync("Doomed", "the plan", new Microsoft.DurableTask.StartOrchestrationOptions("doomed-1"));
        var done = await client.WaitForInstanceCompletionAsync("doomed-1", getInputsAndOutputs: false, Timeout(60));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);

        var history = await client.GetOrchestrationHistoryAsync("doomed-1");
        var attempts = history.OfType<TaskFailedEvent>().ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("the plan is refused", a.FailureDetails?.ErrorMessage));
        Assert.Equal(["Refuse", "Refuse"], history.OfType<TaskScheduledEvent>().Select(e => e.Name));
        Assert.NotEmpty(history.OfType<TimerFiredEvent>()); // the retry's wait
        var end = history.OfType<ExecutionCompletedEvent>().Single();
        Assert.Equal(DurableTask.Core.OrchestrationStatus.Failed, end.OrchestrationStatus);
        // The preview's dispatcher records the error as the end's result, not as failure details.
        Assert.Contains("the plan is refused", end.FailureDetails?.ErrorMessage ?? end.Result);
    }

    [Fact]
    public async Task An_unknown_instance_has_no_history()
    {
        await using var host = await SampleHost.StartAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            host.Services.GetRequiredService<DurableTaskClient>().GetOrchestrationHistoryAsync("approval-nobody"));
        Assert.Contains("not found", refused.Message);
    }

    private static bool HasTimer(DurableTaskClient client, string instanceId) =>
        client.GetOrchestrationHistoryAsync(instanceId).GetAwaiter().GetResult().Any(e => e.EventType == EventType.TimerCreated);

    private static CancellationToken Timeout(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
