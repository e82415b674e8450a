using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace BillingFunctions.Adapters.AzureStorage;

/// <summary>Shorthands over Azure.Data.Tables for what our stores do at many call sites, and the services' limits.</summary>
public static class StorageExtensions
{
    /// <summary>Most operations one entity-group transaction may hold; Azurite answers a 101st with a malformed reply.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>Most messages one receive can return.</summary>
    public const int MaxMessagesPerReceive = 32;

    /// <summary>The longest a queue message can be kept invisible.</summary>
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    /// <summary>A message time-to-live of "for ever" as the queue SDK takes it (it truncates to whole seconds, so
    /// <see cref="Timeout.InfiniteTimeSpan"/> would become zero).</summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <summary>
    /// Options for every queue client: base64 message text, as the Functions queue trigger expects, and the service
    /// version pinned, because Azurite 3.37 refuses the SDK's newest unless started with --skipApiVersionCheck.
    /// </summary>
    public static QueueClientOptions QueueOptions() =>
        new(QueueClientOptions.ServiceVersion.V2026_06_06) { MessageEncoding = QueueMessageEncoding.Base64 };

    /// <summary>The rows of one partition whose row key starts with <paramref name="prefix"/> (all of the partition for "").</summary>
    public static string PrefixFilter(string partitionKey, string prefix) => prefix.Length == 0
        ? TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")
        : TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");

    /// <summary>Reads one entity, or null when it (or its table) does not exist.</summary>
    public static async Task<TableEntity?> GetEntityOrNullAsync(this TableClient table, string partitionKey, string rowKey,
        IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Reads one page of <paramref name="filter"/> (made with <see cref="TableClient.CreateQueryFilter(FormattableString)"/>),
    /// starting at <paramref name="continuationToken"/>. A page may hold fewer than <paramref name="top"/>, even none, and
    /// still have a token; the last page's token is null. Tokens are this method's own (see <see cref="TableContinuation"/>).
    /// </summary>
    /// <exception cref="InvalidContinuationTokenException"><paramref name="continuationToken"/> is not one this method returned.</exception>
    public static async Task<Page<TableEntity>> QueryPageAsync(this TableClient table, string? filter, int? top = null,
        IEnumerable<string>? select = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var sdkToken = continuationToken is null ? null : TableContinuation.Decode(continuationToken);
        try
        {
            await foreach (var page in table.QueryAsync<TableEntity>(filter, top, select, cancellationToken)
                .AsPages(sdkToken, top).ConfigureAwait(false))
                return Page<TableEntity>.FromValues(page.Values, TableContinuation.Encode(page.ContinuationToken), page.GetRawResponse());
        }
        catch (RequestFailedException e) when (sdkToken is not null && e.Status == 400)
        {
            // Well-formed but made up: the service refuses next keys it never handed out.
            throw new InvalidContinuationTokenException();
        }
        throw new InvalidOperationException("The table service answered a query with no page.");
    }
}
