using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Http;

/// <summary>
/// <c>Idempotency-Key</c> on POSTs, as Stripe's API has it: the first request with a key runs and its answer is
/// kept (row <c>idem|{user}|{hash of key}</c> in the tenant partition, or <c>idem|platform|…</c> in the platform
/// partition for the operator); a repeat gets the same answer without running again, a concurrent repeat gets 409,
/// and the same key with a different request gets 422. Server errors are not kept, so the client can retry them,
/// unless the work was already done. Keys are forgotten a day later (<see cref="IdempotencyKeyExpiry"/>).
/// <para>
/// Keeping the answer never fails the request: it is split to fit the table (<see cref="IdempotentAnswer"/>) and
/// retried, and if it still cannot be kept the request is answered anyway. A key is never run twice once its work is
/// known done: stores that do the work mark the key in the same transaction (<see cref="IdempotencyClaim"/>), and a
/// retry that finds the mark without an answer rebuilds the answer from what the work made instead of running it.
/// </para>
/// </summary>
internal sealed class IdempotencyFilter(BillingTables tables, TimeProvider time, ILogger<IdempotencyFilter> logger) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    /// <summary>Of every key row and kept answer's part, in the tenant's (or the platform's) partition.</summary>
    public const string RowKeyPrefix = "idem|";

    /// <summary>A request still "running" after this long died with its process; a retry may take its key over.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    private const int RecordAttempts = 3;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0 || !HttpMethods.IsPost(http.Request.Method) || Scope(http) is not var (partition, owner)) return await next(context);
        if (key.Length > 255) return Problems.Invalid("An Idempotency-Key is at most 255 characters.");

        var rowKey = $"{RowKeyPrefix}{owner}|{Hash(key)}";
        var fingerprint = Hash(http.Request.Path + "\n" + JsonSerializer.Serialize(context.Arguments.Where(a => a is not CancellationToken
            && a is not HttpContext && IsRequestData(a)), Json.Options));
        var table = tables.Billing;
        var claimId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

        IdempotencyClaim? claim = null;
        var existing = await table.GetEntityOrNullAsync(partition, rowKey, cancellationToken: http.RequestAborted);
        if (existing is null)
        {
            try
            {
                var added = await table.AddEntityAsync(new TableEntity(partition, rowKey)
                    { ["Fingerprint"] = fingerprint, ["State"] = "running", ["StartedAt"] = time.GetUtcNow(),
                        ["Claim"] = claimId }, http.RequestAborted);
                claim = new IdempotencyClaim(partition, rowKey, added.Headers.ETag!.Value);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                existing = await table.GetEntityOrNullAsync(partition, rowKey, cancellationToken: http.RequestAborted);
            }
        }
        if (existing is not null && IsForgotten(existing))
        {
            // Past its day the key is a new one, whether or not the hourly pass has removed it yet.
            claim = await TryRestartAsync(existing, fingerprint, claimId, http.RequestAborted);
            if (claim is null) return Problems.RequestInProgress();
        }
        else if (existing is not null)
        {
            if (existing.GetString("Fingerprint") != fingerprint) return Problems.IdempotencyKeyReused();
            if (existing.GetString("State") == "done") return await ReplayAsync(existing, key, http.RequestAborted);
            if (existing.GetString("State") == "unanswered" || (existing.GetString("Work") is not null && IsAbandoned(existing)))
                return await RebuildAsync(existing, http);
            claim = await TryTakeOverAsync(existing, claimId, http.RequestAborted);
            if (claim is null) return Problems.RequestInProgress();
        }

        IdempotencyClaim.Current = claim;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (IdempotencyClaimLostException)
        {
            return Problems.RequestInProgress();
        }
        finally
        {
            IdempotencyClaim.Current = null;
        }

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
        await KeepAsync(claim!, claimId, key, fingerprint, http.Response, buffer.ToArray());
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>Tenant users each have their own keys; the platform operator has one set.</summary>
    private static (string Partition, string Owner)? Scope(HttpContext http) =>
        http.Features.Get<Caller>() is { } caller ? (caller.Tenant.Id.Value, caller.Actor.User.Value)
        : http.User.IsInRole("platform") ? (BillingTables.PlatformPartition, "platform")
        : null;

    /// <summary>
    /// Answered (or left running) more than <see cref="IdempotencyKeyExpiry.KeptFor"/> ago: the hourly pass removes only
    /// such keys, so a request that replays a key is not racing the pass for it (short of the milliseconds around a
    /// pass's start, which <see cref="ReplayAsync"/> answers).
    /// </summary>
    private bool IsForgotten(TableEntity row) => IdempotencyKeyExpiry.LastUse(row) < time.GetUtcNow() - IdempotencyKeyExpiry.KeptFor;

    /// <summary>Claims a forgotten key for this request, as if it were new; null when another request did first.</summary>
    private Task<IdempotencyClaim?> TryRestartAsync(TableEntity forgotten, string fingerprint, string claimId, CancellationToken cancellationToken) =>
        TryClaimAsync(forgotten, new TableEntity(forgotten.PartitionKey, forgotten.RowKey)
            { ["Fingerprint"] = fingerprint, ["State"] = "running", ["StartedAt"] = time.GetUtcNow(), ["Claim"] = claimId },
            TableUpdateMode.Replace, cancellationToken);

    private bool IsAbandoned(TableEntity running) =>
        running.GetDateTimeOffset("StartedAt") is not { } started || time.GetUtcNow() - started >= Abandoned;

    /// <summary>Never throws: the work is done, and the client gets its answer whatever becomes of the record.</summary>
    private async Task KeepAsync(IdempotencyClaim claim, string claimId, string key, string fingerprint, HttpResponse response, byte[] body)
    {
        var status = response.StatusCode;
        var location = response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
        try
        {
            if (status >= 500 && !claim.WorkCommitted)
            {
                // Nothing was done: free the key so the retry runs. Guarded, so a key taken over stays with its taker.
                await tables.Billing.DeleteEntityAsync(claim.Partition, claim.RowKey, claim.ETag, CancellationToken.None);
                return;
            }
            if (status < 500)
            {
                var parts = IdempotentAnswer.Seal(key, claim.RowKey, body);
                var done = new TableEntity(claim.Partition, claim.RowKey)
                {
                    ["Fingerprint"] = fingerprint, ["State"] = "done", ["Status"] = status, ["ContentType"] = response.ContentType,
                    ["Location"] = location, ["Claim"] = claimId, ["Parts"] = parts.Count,
                    ["Work"] = claim.Work, ["Created"] = claim.Created, ["AnsweredAt"] = time.GetUtcNow(),
                };
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await IdempotentAnswer.WriteAsync(tables.Billing, claim, claimId, parts, done, CancellationToken.None);
                        return;
                    }
                    catch (RequestFailedException e) when (e.Status != 412 && attempt < RecordAttempts)
                    {
                        logger.LogWarning(e, "Keeping the answer of idempotent request {RowKey} failed (attempt {Attempt}); trying again",
                            claim.RowKey, attempt);
                        await Task.Delay(100 * attempt);
                    }
                }
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            logger.LogWarning("Idempotent request {RowKey} finished after a retry took its key over", claim.RowKey);
            return;
        }
        catch (RequestFailedException e)
        {
            logger.LogError(e, "Could not keep the answer of idempotent request {RowKey}", claim.RowKey);
        }
        await MarkUnansweredAsync(claim, status, location);
    }

    /// <summary>
    /// The work was done (or may have been) but its answer is not kept: from now on a retry gets an answer rebuilt
    /// from the work, or, for work no store marked, the status and Location without a body, rather than a second run.
    /// If even this small write fails, storage is down, and the key's work mark (when there is one) still holds.
    /// </summary>
    private async Task MarkUnansweredAsync(IdempotencyClaim claim, int status, string? location)
    {
        try
        {
            await tables.Billing.UpdateEntityAsync(new TableEntity(claim.Partition, claim.RowKey)
                { ["State"] = "unanswered", ["Status"] = status, ["Location"] = location }, claim.ETag,
                TableUpdateMode.Merge, CancellationToken.None);
        }
        catch (RequestFailedException e)
        {
            logger.LogError(e, "Could not mark idempotent request {RowKey} unanswered", claim.RowKey);
        }
    }

    private async Task<IResult> ReplayAsync(TableEntity done, string key, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = done.GetInt32("Parts") is { } parts
                ? await IdempotentAnswer.ReadAsync(tables.Billing, done.PartitionKey, done.RowKey, done.GetString("Claim")!,
                    parts, key, cancellationToken)
                // Kept before answers were split: the body in one property.
                : Encoding.UTF8.GetBytes(done.GetString("Body") ?? "");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The expiry pass removed the answer between our two reads; a retry finds the key gone and runs anew.
            return Problems.RequestInProgress();
        }
        return new ReplayedResult(done.GetInt32("Status") ?? 200, done.GetString("ContentType"), done.GetString("Location"), body);
    }

    /// <summary>The answer of work known done but not kept, made again from what the work made as it is now.</summary>
    private async Task<IResult> RebuildAsync(TableEntity running, HttpContext http)
    {
        var created = running.GetBoolean("Created") ?? false;
        IResult answer;
        if (running.GetString("Work") is { } work && work.StartsWith(InvoiceWork, StringComparison.Ordinal))
        {
            var id = work[InvoiceWork.Length..];
            var caller = http.Caller();
            var store = http.RequestServices.GetRequiredService<InvoiceStore>();
            answer = await store.GetAsync(caller.Tenant, new InvoiceId(id), http.RequestAborted) is var (invoice, _)
                && caller.Actor.CanSee(invoice.Owner, invoice.OwnerTeam)
                ? created
                    ? TypedResults.Created($"/api/v1/invoices/{id}", InvoiceResponse.From(invoice))
                    : TypedResults.Ok(InvoiceResponse.From(invoice))
                : Problems.NotFound($"invoice {id}");
        }
        else
        {
            answer = new ReplayedResult(running.GetInt32("Status") ?? 200, null, running.GetString("Location"), []);
        }
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return answer;
    }

    /// <summary>What <see cref="IdempotencyClaim.PlanCommit"/> calls an invoice the work made or changed.</summary>
    public const string InvoiceWork = "invoice:";

    private async Task<IdempotencyClaim?> TryTakeOverAsync(TableEntity running, string claimId, CancellationToken cancellationToken) =>
        IsAbandoned(running)
            ? await TryClaimAsync(running, new TableEntity(running.PartitionKey, running.RowKey)
                { ["StartedAt"] = time.GetUtcNow(), ["Claim"] = claimId }, TableUpdateMode.Merge, cancellationToken)
            : null;

    /// <summary>Writes <paramref name="claim"/> over the key row as it was read; null when the row changed or went since.</summary>
    private async Task<IdempotencyClaim?> TryClaimAsync(TableEntity read, TableEntity claim, TableUpdateMode mode,
        CancellationToken cancellationToken)
    {
        try
        {
            var updated = await tables.Billing.UpdateEntityAsync(claim, read.ETag, mode, cancellationToken);
            return new IdempotencyClaim(read.PartitionKey, read.RowKey, updated.Headers.ETag!.Value);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    private static bool IsRequestData(object? argument) =>
        argument is null or string or int or long or bool || argument.GetType().Namespace?.StartsWith("BillingFunctions.App",
            StringComparison.Ordinal) == true
            && argument.GetType().Name.EndsWith("Request", StringComparison.Ordinal);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed class ReplayedResult(int status, string? contentType, string? location, byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            if (contentType is not null) http.Response.ContentType = contentType;
            if (location is not null) http.Response.Headers.Location = location;
            http.Response.Headers["Idempotent-Replayed"] = "true";
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }
}
