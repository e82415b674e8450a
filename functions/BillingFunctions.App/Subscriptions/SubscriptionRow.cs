using System.Text.Json;
using Azure.Data.Tables;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// The <c>sub|{id}</c> row: the whole subscription (timeline included) as JSON, plus the columns the renewal timer
/// and lists filter on. <c>NextRenewalAt</c> is absent once canceled, so the due-renewals query never sees it;
/// <c>RenewingInstance</c> names the renewal that claimed a period and has not finished it yet.
/// </summary>
internal static class SubscriptionRow
{
    public const string Prefix = "sub|";
    public const string PrefixEnd = "sub}";

    /// <summary>The domain carries no attributes; the process JSON already knows money, currencies and intervals.</summary>
    public static readonly JsonSerializerOptions Json = ProcessJson.Create();

    public static string Key(SubscriptionId id) => Prefix + id.Value;

    public static TableEntity Write(TenantId tenant, SubscriptionSnapshot s, string? renewingInstance)
    {
        var row = new TableEntity(tenant.Value, Key(s.Id))
        {
            ["SubscriptionId"] = s.Id.Value, ["CustomerId"] = s.Customer.Value, ["Status"] = s.Status.ToString(),
            ["PlanId"] = s.Plan.Id.Value, ["State"] = JsonSerializer.Serialize(s, Json), ["RenewingInstance"] = renewingInstance,
        };
        if (Subscription.Restore(s).NextRenewalAt is { } next) row["NextRenewalAt"] = next;
        return row;
    }

    public static SubscriptionSnapshot Read(TableEntity row) =>
        JsonSerializer.Deserialize<SubscriptionSnapshot>(row.GetString("State")!, Json)
        ?? throw new InvalidOperationException($"Subscription row {row.RowKey} has no state.");

    public static string? RenewingInstance(TableEntity row) => row.GetString("RenewingInstance");
}
