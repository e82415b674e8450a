namespace BillingFunctions.App.Processes;

/// <summary>
/// What operators do with an instance of any kind: look at it, and resume it once suspended. Every runtime
/// registers itself under this, so the instance endpoint serves all kinds from one table.
/// </summary>
public interface IProcessRuntime
{
    string ProcessType { get; }

    Task<ProcessView?> GetAsync(string tenant, string instanceId, CancellationToken cancellationToken = default);

    Task<bool> ResumeAsync(string tenant, string instanceId, CancellationToken cancellationToken = default);
}
