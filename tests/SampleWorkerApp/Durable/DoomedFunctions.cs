using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace SampleWorkerApp.Durable;

/// <summary>An orchestration whose activity always throws, tried twice: it fails, with the activity's error.</summary>
public static class DoomedFunctions
{
    [Function("Doomed")]
    public static Task<string> Doomed([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.CallActivityAsync<string>("Refuse", context.GetInput<string>(),
            TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 2, firstRetryInterval: TimeSpan.FromSeconds(1))));

    [Function("Refuse")]
    public static string Refuse([ActivityTrigger] string what) => throw new InvalidOperationException($"{what} is refused");
}
