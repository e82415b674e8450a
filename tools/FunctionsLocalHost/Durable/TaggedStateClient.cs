using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;

namespace FunctionsLocalHost.Durable;

/// <summary>
/// The task hub's client as the sidecar sees it, with one repair: DurableTask.AzureStorage returns an instance's tags as
/// null once it was suspended, and the preview sidecar copies them into a protobuf map without a null check, so every
/// read of a suspended instance failed. States come back with empty tags instead; everything else passes through.
/// </summary>
internal sealed class TaggedStateClient<T>(T inner) : IOrchestrationServiceClient, IOrchestrationServiceQueryClient,
    IOrchestrationServicePurgeClient
    where T : IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => inner.CreateTaskOrchestrationAsync(creationMessage);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) =>
        inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => inner.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => inner.SendTaskOrchestrationMessageBatchAsync(messages);

    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout,
        CancellationToken cancellationToken) =>
        Tagged(await inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken).ConfigureAwait(false));

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        [.. (await inner.GetOrchestrationStateAsync(instanceId, allExecutions).ConfigureAwait(false)).Select(Tagged)];

    public async Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) =>
        Tagged(await inner.GetOrchestrationStateAsync(instanceId, executionId).ConfigureAwait(false));

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        inner.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public async Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var result = await inner.GetOrchestrationWithQueryAsync(query, cancellationToken).ConfigureAwait(false);
        foreach (var state in result.OrchestrationState) Tagged(state);
        return result;
    }

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => inner.PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => inner.PurgeInstanceStateAsync(purgeInstanceFilter);

    private static OrchestrationState Tagged(OrchestrationState state)
    {
        if (state is not null) state.Tags ??= new Dictionary<string, string>();
        return state!;
    }
}
