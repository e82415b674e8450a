using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace SampleWorkerApp.Durable;

/// <summary>What an approval asks for: whom to greet, and how long to wait for an approver before giving up.</summary>
public sealed record ApprovalRequest(string Name, int WaitSeconds);

/// <summary>
/// An orchestration started over HTTP through a durable client: an activity makes a greeting, then the approver's
/// external event races a durable timer.
/// </summary>
public static class ApprovalFunctions
{
    [Function("StartApproval")]
    public static async Task<IResult> Start([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{id}")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient durable)
    {
        var wait = int.Parse(request.Query["wait"].FirstOrDefault() ?? "60", System.Globalization.CultureInfo.InvariantCulture);
        var instanceId = await durable.ScheduleNewOrchestrationInstanceAsync("Approval", new ApprovalRequest(id, wait),
            new StartOrchestrationOptions(InstanceId: "approval-" + id));
        return Results.Accepted(value: new { instanceId });
    }

    [Function("Approval")]
    public static async Task<string> Approval([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var request = context.GetInput<ApprovalRequest>()!;
        var greeting = await context.CallActivityAsync<string>("MakeGreeting", request.Name);
        using var timeout = new CancellationTokenSource();
        var approval = context.WaitForExternalEvent<string>("approved");
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(request.WaitSeconds), timeout.Token);
        if (await Task.WhenAny(approval, timer) == approval)
        {
            // Synchronously: an orchestration whose timer is still pending does not complete until it fires, and CancelAsync
            // would finish the orchestrator off the replay thread, after the worker has looked for its result.
            timeout.Cancel();
            return $"{greeting}, approved by {approval.Result}";
        }
        return $"{greeting}, not approved in time";
    }

    [Function("MakeGreeting")]
    public static string MakeGreeting([ActivityTrigger] string name, FunctionContext context)
    {
        var log = (InvocationLog)context.InstanceServices.GetService(typeof(InvocationLog))!;
        log.Add($"MakeGreeting {name}");
        return $"Hello, {name}";
    }
}
