using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tenancy;

/// <summary>A user of the tenant; <paramref name="Email"/> (optional) is where notices for them go, e.g. dunning news on their invoices.</summary>
public sealed record DirectoryUser(UserId Id, Role Role, TeamId? Team, string? Name, string? Email = null);

/// <summary>What a change to the directory came to.</summary>
public enum DirectoryWrite
{
    Written,
    NotFound,

    /// <summary>Refused: it would have left the tenant without an admin, and so without anyone to manage users and keys.</summary>
    LastAdmin,

    /// <summary>The directory kept changing under the write; nothing was written.</summary>
    Contended,
}

/// <summary>
/// The tenant's own list of users, rows <c>usr|{id}</c> in the tenant partition. Role and team come from here,
/// never from the caller, so a CRM cannot promote a rep by sending a different header. A tenant always keeps an admin:
/// a write that demotes or removes one also checks, in the same partition transaction, that another admin's row is
/// unchanged since it was read as an admin, so two admins demoting each other at once cannot both succeed.
/// </summary>
public class UserDirectory(BillingTables tables)
{
    public const int MaxIdLength = 100;
    public const int MaxNameLength = Domain.Customers.Customer.MaxNameLength;
    public const int MaxEmailLength = Domain.Customers.Customer.MaxEmailLength;
    private const int MaxAttempts = 10;

    /// <summary>Ids sit inside row keys, so they are kept to characters a row key allows and a URL carries as is.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@');

    /// <summary>A person's name: one line, as long as a customer's may be, so it fits its row and an email header.</summary>
    public static bool IsValidName(string? name) => name is null || (name.Length <= MaxNameLength && !name.Any(char.IsControl));

    public static readonly string NameRule = $"A user's name is one line of at most {MaxNameLength} characters.";

    public virtual async Task<DirectoryUser?> GetAsync(TenantId tenant, UserId user, CancellationToken cancellationToken)
    {
        if (!IsValidId(user.Value)) return null;
        var row = await tables.Billing.GetEntityOrNullAsync(tenant.Value, "usr|" + user.Value, cancellationToken: cancellationToken);
        return row is null ? null : Read(row);
    }

    /// <summary>Adds or replaces the user; refused when it would demote the tenant's last admin.</summary>
    public virtual Task<DirectoryWrite> PutAsync(TenantId tenant, DirectoryUser user, CancellationToken cancellationToken)
    {
        var row = new TableEntity(tenant.Value, "usr|" + user.Id.Value)
        {
            ["Role"] = user.Role.ToString(), ["Team"] = user.Team?.Value, ["Name"] = user.Name, ["Email"] = user.Email,
        };
        return ChangeAsync(tenant, row.RowKey, current => current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag), cancellationToken);
    }

    /// <summary>Removes the user; refused when they are the tenant's last admin.</summary>
    public virtual Task<DirectoryWrite> RemoveAsync(TenantId tenant, UserId user, CancellationToken cancellationToken) =>
        ChangeAsync(tenant, "usr|" + user.Value, current => current is null
            ? null
            : new TableTransactionAction(TableTransactionActionType.Delete, current, current.ETag), cancellationToken);

    public virtual async Task<IReadOnlyList<DirectoryUser>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        (await RowsAsync(tenant, cancellationToken)).Select(Read).ToList();

    /// <summary>
    /// Writes <paramref name="change"/> (null: there is nothing to change) against the row as read. When it takes an
    /// admin away, another admin's row goes into the same transaction unchanged but ETag-checked: if that admin was
    /// demoted or removed meanwhile, nothing is written and the whole decision is taken again on fresh rows.
    /// </summary>
    private async Task<DirectoryWrite> ChangeAsync(TenantId tenant, string rowKey, Func<TableEntity?, TableTransactionAction?> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var rows = await RowsAsync(tenant, cancellationToken);
            var current = rows.FirstOrDefault(r => r.RowKey == rowKey);
            if (change(current) is not { } action) return DirectoryWrite.NotFound;
            // The dashboard table keeps a copy of each user row, so a team roll-up finds the members without a scan.
            var version = (current is null ? 0 : ReadCopies.VersionOf(current)) + 1;
            var copy = action.ActionType == TableTransactionActionType.Delete
                ? ReadCopies.Tombstone(tenant.Value, rowKey, version)
                : ReadCopies.CopyOf((TableEntity)action.Entity, tenant.Value, rowKey);
            if (action.ActionType != TableTransactionActionType.Delete)
                ((TableEntity)action.Entity)[ReadCopies.Version] = copy[ReadCopies.Version] = version;
            var actions = new List<TableTransactionAction> { action };
            if (current is not null && IsAdmin(current) && (action.ActionType == TableTransactionActionType.Delete
                || !IsAdmin((TableEntity)action.Entity)))
            {
                var otherAdmin = rows.FirstOrDefault(r => r.RowKey != rowKey && IsAdmin(r));
                if (otherAdmin is null) return DirectoryWrite.LastAdmin;
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                    new TableEntity(otherAdmin.PartitionKey, otherAdmin.RowKey), otherAdmin.ETag));
            }
            try
            {
                await tables.Billing.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // Someone changed a row we read: decide again.
                continue;
            }
            try
            {
                await ReadCopies.CopyAsync(tables.Dashboards, [copy], CancellationToken.None);
            }
            catch (Exception e) when (e is RequestFailedException or InvalidOperationException)
            {
                // The user is written; the repair-read-copies timer brings the copy up, so the caller hears success.
            }
            return DirectoryWrite.Written;
        }
        return DirectoryWrite.Contended;
    }

    /// <summary>The users as the dashboard table's copies list them: for reads that must not scan the tenant's partition.</summary>
    public virtual async Task<IReadOnlyList<DirectoryUser>> ListCopiesAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var users = new List<DirectoryUser>();
        await foreach (var row in tables.Dashboards.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(tenant.Value, RowPrefix),
            cancellationToken: cancellationToken))
            if (row.GetBoolean(ReadCopies.Live) != false) users.Add(Read(row));
        return users;
    }

    public const string RowPrefix = "usr|";

    private async Task<List<TableEntity>> RowsAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var filter = StorageExtensions.PrefixFilter(tenant.Value, RowPrefix);
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) rows.Add(row);
        return rows;
    }

    private static bool IsAdmin(TableEntity row) => row.GetString("Role") == nameof(Role.Admin);

    private static DirectoryUser Read(TableEntity row) => new(
        new UserId(row.RowKey["usr|".Length..]), Enum.Parse<Role>(row.GetString("Role")!),
        row.GetString("Team") is { } team ? new TeamId(team) : null, row.GetString("Name"), row.GetString("Email"));
}
