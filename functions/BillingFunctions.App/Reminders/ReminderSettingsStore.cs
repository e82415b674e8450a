using System.Globalization;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Reminders;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Reminders;

/// <summary>A tenant's reminder schedule as stored, with who set it last; <see cref="IsDefault"/> when the tenant never set one.</summary>
public sealed record ReminderSettings(ReminderSchedule Schedule, bool IsDefault, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>The Reminders feature's own settings row, <c>set|reminders</c>, in the tenant's partition of the billing table.</summary>
public class ReminderSettingsStore(BillingTables tables)
{
    public const string RowKey = "set|reminders";

    public virtual async Task<ReminderSettings> GetAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var row = await tables.Billing.GetEntityOrNullAsync(tenant.Value, RowKey, cancellationToken: cancellationToken);
        if (row is null) return new(ReminderSchedule.Default, true, null, null);
        var days = (row.GetString("DaysFromDue") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToList();
        var sendAt = TimeOnly.ParseExact(row.GetString("SendAt")!, "HH:mm", CultureInfo.InvariantCulture);
        return new(new ReminderSchedule(days, sendAt), false, row.GetDateTimeOffset("UpdatedAt"), row.GetString("UpdatedBy"));
    }

    /// <summary>Replaces the schedule. Invoices already being reminded keep the schedule they started with.</summary>
    public virtual async Task<ReminderSettings> PutAsync(TenantId tenant, ReminderSchedule schedule, string user, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await tables.Billing.UpsertEntityAsync(new TableEntity(tenant.Value, RowKey)
        {
            ["DaysFromDue"] = string.Join(',', schedule.DaysFromDue.Select(d => d.ToString(CultureInfo.InvariantCulture))),
            ["SendAt"] = schedule.SendAt.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["UpdatedAt"] = now, ["UpdatedBy"] = user,
        }, TableUpdateMode.Replace, cancellationToken);
        return new(schedule, false, now, user);
    }
}
