using Azure;
using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// The app with read-copy tables (dashboard and label tables) that, while <see cref="LoseCopies"/> is set, refuse every
/// write: what storage sees when the process dies right after an invoice change commits and before its copies are
/// written. The tables are the real ones in Azurite; only those writes are stopped.
/// </summary>
public sealed class CopyLosingHost : ApiHost
{
    public bool LoseCopies { get; set; }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(_ => new BillingTables(new TableClient(AzuriteConnectionString, TableName),
            new TableClient(AzuriteConnectionString, TableName + "keys"),
            new LosingTableClient(this, AzuriteConnectionString, StorageAccounts.DashboardTableOf(TableName)),
            new LosingTableClient(this, AzuriteConnectionString, StorageAccounts.InvoiceLabelTableOf(TableName))));

    private sealed class LosingTableClient(CopyLosingHost host, string connection, string table) : TableClient(connection, table)
    {
        private void Check()
        {
            if (host.LoseCopies) throw new RequestFailedException(503, "The process died (simulated).");
        }

        public override Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions,
            CancellationToken cancellationToken = default)
        {
            Check();
            return base.SubmitTransactionAsync(transactionActions, cancellationToken);
        }

        public override Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge,
            CancellationToken cancellationToken = default)
        {
            Check();
            return base.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);
        }
    }
}
