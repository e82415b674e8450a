using System.Globalization;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// The tenant's dunning policy: the Dunning feature's own settings row <c>set|dunning</c> in the tenant partition.
/// A tenant without the row gets <see cref="DunningPolicy.Default"/>. A process copies the policy when it starts,
/// so a change here applies to invoices that fail from then on and leaves running processes on their schedule.
/// </summary>
public class DunningSettingsStore(BillingTables tables)
{
    public const string RowKey = "set|dunning";

    /// <summary>The tenant's policy and when it was last set (null: never set, the default applies).</summary>
    public virtual async Task<(DunningPolicy Policy, DateTimeOffset? UpdatedAt, string? UpdatedBy)> GetAsync(TenantId tenant,
        CancellationToken cancellationToken)
    {
        var row = await tables.Billing.GetEntityOrNullAsync(tenant.Value, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row is null) return (DunningPolicy.Default, null, null);
        var days = (row.GetString("RetryDelayDays") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => TimeSpan.FromDays(int.Parse(d, CultureInfo.InvariantCulture))).ToArray();
        var policy = new DunningPolicy(days, Enum.Parse<SubscriptionOnExhaustion>(row.GetString("Subscription")!),
            row.GetBoolean("MarkUncollectible") ?? true);
        return (policy, row.GetDateTimeOffset("UpdatedAt"), row.GetString("UpdatedBy"));
    }

    public virtual Task PutAsync(TenantId tenant, DunningPolicy policy, UserId by, DateTimeOffset at, CancellationToken cancellationToken) =>
        tables.Billing.UpsertEntityAsync(new TableEntity(tenant.Value, RowKey)
        {
            ["RetryDelayDays"] = string.Join(',', policy.RetryDelays.Select(d => ((int)d.TotalDays).ToString(CultureInfo.InvariantCulture))),
            ["Subscription"] = policy.OnExhaustion.ToString(),
            ["MarkUncollectible"] = policy.MarkUncollectible,
            ["UpdatedAt"] = at,
            ["UpdatedBy"] = by.Value,
        }, TableUpdateMode.Replace, cancellationToken);
}
