using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// The app on a billing table client that, while <see cref="DieAfterWork"/> is set, refuses every write that touches
/// only idempotency rows: what storage sees when the process dies right after the request's work is written and
/// before its answer is. The table is the real one in Azurite; only those writes are stopped.
/// </summary>
public sealed class AnswerLostHost : ApiHost
{
    public bool DieAfterWork { get; set; }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(_ => new BillingTables(new DyingTableClient(this, AzuriteConnectionString, TableName),
            new TableClient(AzuriteConnectionString, TableName + "keys"), new TableClient(AzuriteConnectionString,
                StorageAccounts.DashboardTableOf(TableName)),
            new TableClient(AzuriteConnectionString, StorageAccounts.InvoiceLabelTableOf(TableName))));

    private sealed class DyingTableClient(AnswerLostHost host, string connection, string table) : TableClient(connection, table)
    {
        private static bool OnlyIdempotency(IEnumerable<string> rowKeys) => rowKeys.All(k => k.StartsWith("idem|", StringComparison.Ordinal));

        private void Check(IEnumerable<string> rowKeys)
        {
            if (host.DieAfterWork && OnlyIdempotency(rowKeys)) throw new RequestFailedException(503, "The process died (simulated).");
        }

        public override Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions,
            CancellationToken cancellationToken = default)
        {
            var actions = transactionActions.ToList();
            Check(actions.Select(a => a.Entity.RowKey));
            return base.SubmitTransactionAsync(actions, cancellationToken);
        }

        public override Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge,
            CancellationToken cancellationToken = default)
        {
            Check([entity.RowKey]);
            return base.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);
        }

        public override Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge,
            CancellationToken cancellationToken = default)
        {
            Check([entity.RowKey]);
            return base.UpsertEntityAsync(entity, mode, cancellationToken);
        }

        public override Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default,
            CancellationToken cancellationToken = default)
        {
            Check([rowKey]);
            return base.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken);
        }

        public override Task<Response> DeleteEntityAsync(ITableEntity entity, ETag ifMatch = default, CancellationToken cancellationToken = default)
        {
            Check([entity.RowKey]);
            return base.DeleteEntityAsync(entity, ifMatch, cancellationToken);
        }
    }
}
