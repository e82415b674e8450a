using DurableTask.Core;
using DurableTask.Core.History;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proto = Microsoft.DurableTask.Protobuf;

namespace FunctionsLocalHost.Durable;

/// <summary>
/// The preview sidecar's gRPC service, with an instance's history served to clients as the Functions host serves it in
/// Azure. The preview's <c>StreamInstanceHistory</c> answers only the worker, which asks for a replay's past events when
/// they are too large to send with the work item (it keeps those in memory), and streams nothing for any other request,
/// so <c>DurableTaskClient.GetOrchestrationHistoryAsync</c> read an empty history and never a "not found". A client's
/// request (not <c>ForWorkItemProcessing</c>) is answered here from the task hub's history, read through the service
/// client: NotFound when there is no such instance, else its current execution's events in order, in chunks, a failed
/// execution's end with its status. A purge by filter without a lower bound of creation time works as in Azure.
/// </summary>
internal sealed class SidecarGrpcServer : TaskHubGrpcServer
{
    /// <summary>What one chunk carries at most, well under gRPC's default 4 MB message limit.</summary>
    private const int ChunkBytes = 1024 * 1024;

    private readonly IOrchestrationServiceClient _client;

    public SidecarGrpcServer(IHostApplicationLifetime lifetime, ILoggerFactory loggerFactory, IOrchestrationService service,
        IOrchestrationServiceClient client, IOptions<TaskHubGrpcServerOptions> options)
        : base(lifetime, loggerFactory, service, client, options) => _client = client;

    public override async Task StreamInstanceHistory(Proto.StreamInstanceHistoryRequest request,
        IServerStreamWriter<Proto.HistoryChunk> responseStream, ServerCallContext context)
    {
        if (request.ForWorkItemProcessing)
        {
            await base.StreamInstanceHistory(request, responseStream, context).ConfigureAwait(false);
            return;
        }
        if (await _client.GetOrchestrationStateAsync(request.InstanceId, executionId: null).ConfigureAwait(false) is null)
            throw new RpcException(new Status(StatusCode.NotFound, $"No orchestration instance has the id {request.InstanceId}."));
        var json = await _client.GetOrchestrationHistoryAsync(request.InstanceId,
            string.IsNullOrEmpty(request.ExecutionId) ? null : request.ExecutionId).ConfigureAwait(false);

        var chunk = new Proto.HistoryChunk();
        var size = 0;
        foreach (var past in ProviderHistory.Read(json))
        {
            var @event = ToProto(past);
            var eventSize = @event.CalculateSize();
            if (chunk.Events.Count > 0 && size + eventSize > ChunkBytes)
            {
                await responseStream.WriteAsync(chunk, context.CancellationToken).ConfigureAwait(false);
                chunk = new Proto.HistoryChunk();
                size = 0;
            }
            chunk.Events.Add(@event);
            size += eventSize;
        }
        if (chunk.Events.Count > 0) await responseStream.WriteAsync(chunk, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A purge by filter, with the lower bound of creation time filled in when the client gave none: the preview's
    /// conversion reads it unchecked and throws, where the Functions host in Azure takes a filter without one.
    /// </summary>
    public override Task<Proto.PurgeInstancesResponse> PurgeInstances(Proto.PurgeInstancesRequest request, ServerCallContext context)
    {
        if (request.PurgeInstanceFilter is { CreatedTimeFrom: null } filter)
            filter.CreatedTimeFrom = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UnixEpoch);
        return base.PurgeInstances(request, context);
    }

    /// <summary>
    /// The preview's conversion, except for an execution's end, which it writes as completed, without its failure. (The
    /// preview's dispatcher records a failed end without failure details but with the error as its result, the text
    /// Azure Storage also keeps as a failed instance's output.)
    /// </summary>
    private static Proto.HistoryEvent ToProto(HistoryEvent past)
    {
        var @event = ProtobufUtils.ToHistoryEventProto(past);
        if (past is ExecutionCompletedEvent completed && @event.EventTypeCase == Proto.HistoryEvent.EventTypeOneofCase.ExecutionCompleted)
        {
            // Both enums number the statuses alike (Running 0 ... Suspended 7).
            @event.ExecutionCompleted.OrchestrationStatus = (Proto.OrchestrationStatus)(int)completed.OrchestrationStatus;
            @event.ExecutionCompleted.FailureDetails = ToProto(completed.FailureDetails);
        }
        return @event;
    }

    private static Proto.TaskFailureDetails? ToProto(FailureDetails? failure) => failure is null ? null : new Proto.TaskFailureDetails
    {
        ErrorType = failure.ErrorType ?? "",
        ErrorMessage = failure.ErrorMessage ?? "",
        StackTrace = failure.StackTrace,
        InnerFailure = ToProto(failure.InnerFailure),
        IsNonRetriable = failure.IsNonRetriable,
    };
}
