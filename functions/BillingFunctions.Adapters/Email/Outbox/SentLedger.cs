using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;

namespace BillingFunctions.Adapters.Email.Outbox;

/// <summary>Where an email's send stands, kept in row <c>sent|{key}</c> of the tenant's partition.</summary>
public enum SendStatus
{
    /// <summary>A dispatcher claimed the key and may be talking to the SMTP server; nothing is accepted yet.</summary>
    Sending,

    /// <summary>The whole message reached the server and the final "." is about to go or went: it may be delivered.</summary>
    Committing,

    Sent,

    /// <summary>A dispatcher died while committing; whether the email went out is unknown, so it is not sent again.</summary>
    Uncertain,

    /// <summary>The server refused the message for good (5xx).</summary>
    Rejected,
}

internal sealed record SendRecord(SendStatus Status, DateTimeOffset ClaimedAt, int Attempts, ETag ETag);

/// <summary>Reads and moves the per-key send rows; every change is conditional on the ETag that was read.</summary>
internal sealed class SentLedger(TableClient table)
{
    public async Task<SendRecord?> ReadAsync(string tenant, string key, CancellationToken ct)
    {
        var row = await table.GetEntityOrNullAsync(tenant, RowKey(key), cancellationToken: ct).ConfigureAwait(false);
        if (row is null) return null;
        return new(Enum.Parse<SendStatus>(row.GetString("Status")!), row.GetDateTimeOffset("ClaimedAt")!.Value,
            row.GetInt32("Attempts") ?? 1, row.ETag);
    }

    /// <summary>Claims a key nobody has seen; null when another dispatcher got there first.</summary>
    public async Task<ETag?> ClaimNewAsync(string tenant, string key, string messageId, DateTimeOffset now, CancellationToken ct)
    {
        var row = new TableEntity(tenant, RowKey(key))
        {
            ["Status"] = nameof(SendStatus.Sending), ["ClaimedAt"] = now, ["Attempts"] = 1, ["MessageId"] = messageId, ["Key"] = key,
        };
        try
        {
            return (await table.AddEntityAsync(row, ct).ConfigureAwait(false)).Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Moves a row on if it is still at <paramref name="etag"/>; null when someone else changed it meanwhile.</summary>
    public async Task<ETag?> MoveAsync(string tenant, string key, ETag etag, SendStatus status, DateTimeOffset now, CancellationToken ct,
        int? attempts = null, DateTimeOffset? claimedAt = null)
    {
        var row = new TableEntity(tenant, RowKey(key)) { ["Status"] = status.ToString(), [status + "At"] = now };
        if (claimedAt is { } claimed) row["ClaimedAt"] = claimed;
        if (attempts is { } a) row["Attempts"] = a;
        try
        {
            return (await table.UpdateEntityAsync(row, etag, TableUpdateMode.Merge, ct).ConfigureAwait(false)).Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }

    /// <summary>Row keys cannot hold / \ # ? or control characters; such keys are hashed instead.</summary>
    internal static string RowKey(string key) =>
        key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)) || key.Length > 900
            ? "sent|h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))
            : "sent|" + key;
}
