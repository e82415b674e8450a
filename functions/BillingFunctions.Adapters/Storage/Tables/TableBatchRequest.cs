using System.Text;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// Writes an entity-group transaction as the OData <c>$batch</c> body the Table service expects:
/// multipart/mixed holding one changeset, one embedded HTTP request per action, CRLF line ends,
/// each JSON body on a single line.
/// </summary>
internal sealed class TableBatchRequest
{
    private readonly string _batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
    private readonly string _changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");

    public string ContentType => $"multipart/mixed; boundary={_batchBoundary}";

    public byte[] Build(TableClient table, Uri endpoint, IReadOnlyList<TableTransactionAction> actions)
    {
        var body = new StringBuilder();
        Line(body, $"--{_batchBoundary}");
        Line(body, $"Content-Type: multipart/mixed; boundary={_changesetBoundary}");
        Line(body, "");
        var baseUri = endpoint.AbsoluteUri.TrimEnd('/');
        foreach (var action in actions)
        {
            Line(body, $"--{_changesetBoundary}");
            Line(body, "Content-Type: application/http");
            Line(body, "Content-Transfer-Encoding: binary");
            Line(body, "");
            AppendOperation(body, baseUri, table, action);
        }
        Line(body, $"--{_changesetBoundary}--");
        Line(body, $"--{_batchBoundary}--");
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static void AppendOperation(StringBuilder body, string baseUri, TableClient table, TableTransactionAction action)
    {
        var entity = action.Entity;
        var entityUri = baseUri + table.EntityPath(entity.PartitionKey, entity.RowKey);
        var (method, uri, ifMatch, hasBody) = action.ActionType switch
        {
            TableTransactionActionType.Add => ("POST", $"{baseUri}/{table.Name}", null, true),
            TableTransactionActionType.UpdateMerge => ("PATCH", entityUri, IfMatch(action), true),
            TableTransactionActionType.UpdateReplace => ("PUT", entityUri, IfMatch(action), true),
            TableTransactionActionType.UpsertMerge => ("PATCH", entityUri, null, true),
            TableTransactionActionType.UpsertReplace => ("PUT", entityUri, null, true),
            TableTransactionActionType.Delete => ("DELETE", entityUri, IfMatch(action), false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown action type."),
        };

        Line(body, $"{method} {uri} HTTP/1.1");
        Line(body, "Accept: application/json;odata=minimalmetadata");
        Line(body, "DataServiceVersion: 3.0;");
        if (ifMatch is not null)
            Line(body, $"If-Match: {ifMatch}");
        if (hasBody)
        {
            Line(body, "Content-Type: application/json");
            if (action.ActionType == TableTransactionActionType.Add)
                Line(body, "Prefer: return-no-content");
            Line(body, "");
            Line(body, Encoding.UTF8.GetString(TableEntityJson.Serialize(entity)));
        }
        else
        {
            Line(body, "");
        }
    }

    private static string IfMatch(TableTransactionAction action) =>
        (action.ETag == default ? Azure.ETag.All : action.ETag).ToString("H");

    private static void Line(StringBuilder body, string text) => body.Append(text).Append("\r\n");
}
