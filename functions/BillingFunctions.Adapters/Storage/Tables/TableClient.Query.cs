using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Core;

namespace BillingFunctions.Adapters.Storage;

public partial class TableClient
{
    /// <summary>
    /// Reads one page of entities matching <paramref name="filter"/> (OData, see <see cref="TableOdataFilter"/>).
    /// The service returns at most 1,000 per page and may return fewer (even none) with a token;
    /// keep going while <see cref="TablePage.ContinuationToken"/> is not null.
    /// </summary>
    /// <param name="filter">OData filter, or null for every entity.</param>
    /// <param name="top">Page size limit (1 to 1,000).</param>
    /// <param name="select">Properties to return; null for all.</param>
    /// <param name="continuationToken">The token from the previous page; null for the first.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<TablePage> QueryPageAsync(string? filter, int? top = null, IEnumerable<string>? select = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, $"/{Name}()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
            uri.AppendQuery("$filter", filter, escapeValue: true);
        if (top is { } count)
            uri.AppendQuery("$top", count.ToString(CultureInfo.InvariantCulture), escapeValue: false);
        AppendSelect(message, select);
        if (continuationToken is not null)
        {
            var (nextPartitionKey, nextRowKey) = TableContinuation.Decode(continuationToken);
            uri.AppendQuery("NextPartitionKey", nextPartitionKey, escapeValue: true);
            if (nextRowKey is not null)
                uri.AppendQuery("NextRowKey", nextRowKey, escapeValue: true);
        }

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
            throw StoragePipeline.Failure(response);

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var items = document.RootElement.GetProperty("value").EnumerateArray().Select(TableEntityJson.Read).ToList();
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPk);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRk);
        return new TablePage(items, TableContinuation.Encode(nextPk, nextRk));
    }

    /// <summary>Streams every entity matching <paramref name="filter"/>, following continuation tokens.</summary>
    public virtual async IAsyncEnumerable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var selected = select?.ToList();
        string? token = null;
        do
        {
            var page = await QueryPageAsync(filter, maxPerPage, selected, token, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Items)
                yield return entity;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
