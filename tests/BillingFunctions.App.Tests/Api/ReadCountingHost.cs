using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// The app with its API tables behind a pipeline policy that notes every point read (a GET of one entity) it sends to
/// Azurite, so a test can count how often a request reads one row. The tables and the reads are the real ones.
/// </summary>
public sealed class ReadCountingHost : ApiHost
{
    private readonly ConcurrentQueue<string> _pointReads = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        var options = new TableClientOptions();
        options.AddPolicy(new PointReadRecorder(_pointReads), HttpPipelinePosition.PerCall);
        services.AddSingleton(_ => new BillingTables(new TableClient(AzuriteConnectionString, TableName, options),
            new TableClient(AzuriteConnectionString, TableName + "keys", options),
            new TableClient(AzuriteConnectionString, StorageAccounts.DashboardTableOf(TableName), options),
            new TableClient(AzuriteConnectionString, StorageAccounts.InvoiceLabelTableOf(TableName), options)));
    }

    /// <summary>Forgets the reads made so far.</summary>
    public void ClearReads() => _pointReads.Clear();

    /// <summary>How many point reads since <see cref="ClearReads"/> fetched the row at this key of this table.</summary>
    public int ReadsOf(string table, string partitionKey, string rowKey) =>
        _pointReads.Count(r => r == $"{table}(PartitionKey='{partitionKey}',RowKey='{rowKey}')");

    public IReadOnlyList<string> PointReads => [.. _pointReads];

    private sealed class PointReadRecorder(ConcurrentQueue<string> reads) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Get) return;
            var entity = Uri.UnescapeDataString(message.Request.Uri.Path).Split('/')[^1];
            if (entity.Contains("(PartitionKey=", StringComparison.Ordinal)) reads.Enqueue(entity);
        }
    }
}
