using DurableTask.Core;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.DurableTask.Protobuf;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsLocalHost.Durable;

/// <summary>
/// The preview sidecar's gRPC service, with instance histories served to clients as the Functions host serves them in
/// Azure. Its own <c>StreamInstanceHistory</c> answers only the worker, which asks for a replay's past events when they
/// are too large to send with the work item (it keeps those in memory), and streams nothing for any other instance, so
/// <c>DurableTaskClient.GetOrchestrationHistoryAsync</c> read an empty history and never a "not found". A client's request
/// (not <c>ForWorkItemProcessing</c>) is answered here from the task hub's history, read through the service client:
/// NotFound when there is no such instance, else the events of its current execution in order, in chunks.
/// </summary>
internal sealed class HistoryServingGrpcServer : TaskHubGrpcServer
{
    /// <summary>What one chunk carries at most, well under gRPC's default 4 MB message limit.</summary>
    private const int ChunkBytes = 1024 * 1024;

    private readonly IOrchestrationServiceClient _client;

    public HistoryServingGrpcServer(IHostApplicationLifetime lifetime, ILoggerFactory loggerFactory, IOrchestrationService service,
        IOrchestrationServiceClient client, IOptions<TaskHubGrpcServerOptions> options)
        : base(lifetime, loggerFactory, service, client, options) => _client = client;

    public override async Task StreamInstanceHistory(StreamInstanceHistoryRequest request, IServerStreamWriter<HistoryChunk> responseStream,
        ServerCallContext context)
    {
        if (request.ForWorkItemProcessing)
        {
            await base.StreamInstanceHistory(request, responseStream, context).ConfigureAwait(false);
            return;
        }
        var states = await _client.GetOrchestrationStateAsync(request.InstanceId, allExecutions: false).ConfigureAwait(false);
        if (states.FirstOrDefault() is null)
            throw new RpcException(new Status(StatusCode.NotFound, $"No orchestration instance has the id {request.InstanceId}."));
        var json = await _client.GetOrchestrationHistoryAsync(request.InstanceId,
            string.IsNullOrEmpty(request.ExecutionId) ? null : request.ExecutionId).ConfigureAwait(false);

        var chunk = new HistoryChunk();
        var size = 0;
        foreach (var past in ProviderHistory.Read(json))
        {
            var @event = ProtobufUtils.ToHistoryEventProto(past);
            var eventSize = @event.CalculateSize();
            if (chunk.Events.Count > 0 && size + eventSize > ChunkBytes)
            {
                await responseStream.WriteAsync(chunk, context.CancellationToken).ConfigureAwait(false);
                chunk = new HistoryChunk();
                size = 0;
            }
            chunk.Events.Add(@event);
            size += eventSize;
        }
        if (chunk.Events.Count > 0) await responseStream.WriteAsync(chunk, context.CancellationToken).ConfigureAwait(false);
    }
}
