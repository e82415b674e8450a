using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Tenancy;

namespace BillingFunctions.App.Api;

/// <summary>
/// <c>Idempotency-Key</c> on POSTs, as Stripe's API has it: the first request with a key runs and its answer is
/// kept (row <c>idem|{user}|{hash of key}</c> in the tenant partition); a repeat gets the same answer without running
/// again, a concurrent repeat gets 409, and the same key with a different request gets 422. Server errors are not
/// kept, so the client can retry them.
/// </summary>
internal sealed class IdempotencyFilter(BillingTables tables, TimeProvider time) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    /// <summary>A request still "running" after this long died with its process; a retry may take its key over.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0 || !HttpMethods.IsPost(http.Request.Method) || http.User.FindFirst(ActorClaims.Tenant) is null) return await next(context);
        if (key.Length > 255) return Problems.Invalid("An Idempotency-Key is at most 255 characters.");

        var actor = http.User.Actor();
        var rowKey = $"idem|{actor.User.Value}|{Hash(key)}";
        var fingerprint = Hash(http.Request.Path + "\n" + JsonSerializer.Serialize(context.Arguments.Where(a => a is not CancellationToken && a is not HttpContext && IsRequestData(a)), Json.Options));
        var table = tables.Billing;

        var existing = await table.GetEntityOrNullAsync(actor.Tenant.Value, rowKey, cancellationToken: http.RequestAborted);
        if (existing is null)
        {
            try
            {
                await table.AddEntityAsync(new TableEntity(actor.Tenant.Value, rowKey) { ["Fingerprint"] = fingerprint, ["State"] = "running", ["StartedAt"] = time.GetUtcNow() }, http.RequestAborted);
            }
            catch (Azure.RequestFailedException e) when (e.Status == 409)
            {
                existing = await table.GetEntityOrNullAsync(actor.Tenant.Value, rowKey, cancellationToken: http.RequestAborted);
            }
        }
        if (existing is not null)
        {
            if (existing.GetString("Fingerprint") != fingerprint) return Problems.IdempotencyKeyReused();
            if (existing.GetString("State") == "done")
                return new ReplayedResult(existing.GetInt32("Status") ?? 200, existing.GetString("ContentType"), existing.GetString("Location"), existing.GetString("Body") ?? "");
            if (!await TryTakeOverAsync(existing, http.RequestAborted)) return Problems.RequestInProgress();
        }

        var result = await next(context);
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await (result as IResult ?? Results.Ok(result)).ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        var status = http.Response.StatusCode;
        if (status >= 500)
            await table.DeleteEntityAsync(actor.Tenant.Value, rowKey, cancellationToken: CancellationToken.None);
        else
            await table.UpdateEntityAsync(new TableEntity(actor.Tenant.Value, rowKey)
            {
                ["Fingerprint"] = fingerprint, ["State"] = "done", ["Status"] = status, ["ContentType"] = http.Response.ContentType,
                ["Location"] = http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                ["Body"] = Encoding.UTF8.GetString(buffer.ToArray()),
            }, Azure.ETag.All, TableUpdateMode.Replace, CancellationToken.None);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    private async Task<bool> TryTakeOverAsync(TableEntity running, CancellationToken cancellationToken)
    {
        if (running.GetDateTimeOffset("StartedAt") is { } started && time.GetUtcNow() - started < Abandoned) return false;
        try
        {
            var claim = new TableEntity(running.PartitionKey, running.RowKey) { ["StartedAt"] = time.GetUtcNow() };
            await tables.Billing.UpdateEntityAsync(claim, running.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    private static bool IsRequestData(object? argument) =>
        argument is null or string or int or long or bool || argument.GetType().Namespace?.StartsWith("BillingFunctions.App", StringComparison.Ordinal) == true
            && argument.GetType().Name.EndsWith("Request", StringComparison.Ordinal);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed class ReplayedResult(int status, string? contentType, string? location, string body) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            if (contentType is not null) http.Response.ContentType = contentType;
            if (location is not null) http.Response.Headers.Location = location;
            http.Response.Headers["Idempotent-Replayed"] = "true";
            await http.Response.WriteAsync(body, http.RequestAborted);
        }
    }
}
