using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Api;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy;

/// <summary>A user of the tenant; <paramref name="Email"/> (optional) is where notices for them go, e.g. dunning news on their invoices.</summary>
public sealed record DirectoryUser(UserId Id, Role Role, TeamId? Team, string? Name, string? Email = null);

/// <summary>
/// The tenant's own list of users, rows <c>usr|{id}</c> in the tenant partition. Role and team come from here,
/// never from the caller, so a CRM cannot promote a rep by sending a different header.
/// </summary>
public class UserDirectory(BillingTables tables)
{
    public const int MaxIdLength = 100;

    /// <summary>Ids sit inside row keys, so they are kept to characters a row key allows and a URL carries as is.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@');

    public virtual async Task<DirectoryUser?> GetAsync(TenantId tenant, UserId user, CancellationToken cancellationToken)
    {
        if (!IsValidId(user.Value)) return null;
        var row = await tables.Billing.GetEntityOrNullAsync(tenant.Value, "usr|" + user.Value, cancellationToken: cancellationToken);
        return row is null ? null : Read(row);
    }

    public virtual Task PutAsync(TenantId tenant, DirectoryUser user, CancellationToken cancellationToken) =>
        tables.Billing.UpsertEntityAsync(new TableEntity(tenant.Value, "usr|" + user.Id.Value)
        {
            ["Role"] = user.Role.ToString(), ["Team"] = user.Team?.Value, ["Name"] = user.Name, ["Email"] = user.Email,
        }, TableUpdateMode.Replace, cancellationToken);

    public virtual Task RemoveAsync(TenantId tenant, UserId user, CancellationToken cancellationToken) =>
        tables.Billing.DeleteEntityAsync(tenant.Value, "usr|" + user.Value, cancellationToken: cancellationToken);

    public virtual async Task<IReadOnlyList<DirectoryUser>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenant.Value} and RowKey ge {"usr|"} and RowKey lt {"usr}"}");
        var users = new List<DirectoryUser>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) users.Add(Read(row));
        return users;
    }

    private static DirectoryUser Read(TableEntity row) => new(
        new UserId(row.RowKey["usr|".Length..]), Enum.Parse<Role>(row.GetString("Role")!),
        row.GetString("Team") is { } team ? new TeamId(team) : null, row.GetString("Name"), row.GetString("Email"));
}
