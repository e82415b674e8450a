using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// Reads the error code and message from a failed storage response, so that
/// <see cref="RequestFailedException.ErrorCode"/> says EntityNotFound, UpdateConditionNotSatisfied, ...
/// Tables answer with OData JSON, Queues with XML; both may also send x-ms-error-code.
/// </summary>
internal sealed class StorageErrorParser : RequestFailedDetailsParser
{
    public static readonly StorageErrorParser Instance = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var (bodyCode, message) = ParseBody(response.Content?.ToString());
        var code = headerCode ?? bodyCode;
        error = code is null && message is null ? null : new ResponseError(code, message ?? response.ReasonPhrase);
        return error is not null;
    }

    /// <summary>Parses an OData JSON error: <c>{"odata.error":{"code":..,"message":{"value":..}}}</c>.</summary>
    internal static (string? Code, string? Message) ParseODataError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
            return (null, null);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("odata.error", out var odata))
                return (null, null);
            var code = odata.TryGetProperty("code", out var c) ? c.GetString() : null;
            string? message = null;
            if (odata.TryGetProperty("message", out var m))
                message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static (string? Code, string? Message) ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return (null, null);
        if (body.TrimStart()[0] == '{')
            return ParseODataError(body);
        try
        {
            var root = XDocument.Parse(body).Root;
            return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
        }
        catch (System.Xml.XmlException)
        {
            return (null, null);
        }
    }
}
