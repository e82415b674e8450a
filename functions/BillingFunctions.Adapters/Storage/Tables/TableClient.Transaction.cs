using System.Text;
using Azure;
using Azure.Core;

namespace BillingFunctions.Adapters.Storage;

public partial class TableClient
{
    /// <summary>Most operations one entity-group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>
    /// Runs up to 100 actions on one partition as one entity-group transaction: all of them happen or none.
    /// When the service rejects one, throws <see cref="TableTransactionFailedException"/> naming its index.
    /// </summary>
    /// <returns>The new ETag of each action's entity, in order (default for deletes).</returns>
    public virtual async Task<IReadOnlyList<ETag>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions.ToList();
        Validate(list);

        var batch = new TableBatchRequest();
        using var message = CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.Add("Content-Type", batch.ContentType);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.Add("MaxDataServiceVersion", "3.0;NetFx");
        message.Request.Content = RequestContent.Create(batch.Build(this, _endpoint, list));

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
            throw StoragePipeline.Failure(response);

        var parts = TableBatchResponse.Parse(Encoding.UTF8.GetString(response.Content.ToMemory().Span));
        var failed = parts.FirstOrDefault(p => p.Status >= 400);
        if (failed is not null)
            throw TableBatchResponse.Failure(failed);
        if (parts.Count != list.Count)
            throw new RequestFailedException(response.Status, $"The transaction answered {parts.Count} results for {list.Count} actions.", null, null);
        return parts.Select(p => p.Headers.TryGetValue("ETag", out var etag) ? new ETag(etag) : default).ToList();
    }

    private static void Validate(List<TableTransactionAction> actions)
    {
        if (actions.Count is 0 or > MaxTransactionActions)
            throw new ArgumentException($"A transaction holds 1 to {MaxTransactionActions} actions, not {actions.Count}.", nameof(actions));
        var partition = actions[0].Entity.PartitionKey;
        if (actions.Any(a => a.Entity.PartitionKey != partition))
            throw new ArgumentException("All actions of a transaction must share one partition key.", nameof(actions));
        var duplicate = actions.GroupBy(a => a.Entity.RowKey, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Row key '{duplicate.Key}' appears twice; a transaction touches each entity once.", nameof(actions));
    }
}
