using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Invoices;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.MonthEnd;

/// <summary>A customer on month-end billing: from which period, and the latest period whose entry has been opened.</summary>
public sealed record MonthEndEnrollment(CustomerId Customer, BillingPeriod FirstPeriod, BillingPeriod LastOpened,
    DateTimeOffset EnrolledAt, string EnrolledBy);

/// <summary>
/// Billing entries and enrollments in the tenant's partition. Every entry change is one transaction with its audit
/// rows and is guarded by the ETag it was read with, so two reviewers racing on one entry cannot both win.
/// </summary>
public sealed class MonthEndStore(BillingTables tables)
{
    private const string EnrollmentPrefix = "mon-enr|";

    public async Task<(BillingEntrySnapshot Entry, ETag ETag)?> GetEntryAsync(TenantId tenant, CustomerId customer, BillingPeriod period,
        CancellationToken cancellationToken)
    {
        var row = await tables.Billing.GetEntityOrNullAsync(tenant.Value, BillingEntryRow.Key(period, customer),
            cancellationToken: cancellationToken);
        return row is null ? null : (BillingEntryRow.Read(row), row.ETag);
    }

    /// <summary>Writes a new (<paramref name="before"/> null) or changed entry; false when it exists or changed since it was read.</summary>
    public Task<bool> TryWriteEntryAsync(TenantId tenant, BillingEntrySnapshot? before, ETag etag, BillingEntrySnapshot after, AuditEntry audit,
        CancellationToken cancellationToken)
    {
        var row = BillingEntryRow.Write(tenant, after);
        var actions = new List<TableTransactionAction>
        {
            before is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, etag),
        };
        actions.AddRange(AuditRows.Plan(tenant, audit));
        return TrySubmitAsync(actions, cancellationToken);
    }

    /// <summary>Enrolls the customer and opens its first entry together; false when the customer is enrolled already.</summary>
    public Task<bool> TryEnrollAsync(TenantId tenant, MonthEndEnrollment enrollment, BillingEntrySnapshot firstEntry, AuditEntry audit,
        CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, EnrollmentRow(tenant, enrollment)),
            new(TableTransactionActionType.Add, BillingEntryRow.Write(tenant, firstEntry)),
        };
        actions.AddRange(AuditRows.Plan(tenant, audit));
        return TrySubmitAsync(actions, cancellationToken);
    }

    /// <summary>Moves the enrollment's last opened period forward; never back, so a slow opener cannot undo a faster one.</summary>
    public async Task RecordOpenedAsync(TenantId tenant, MonthEndEnrollment enrollment, BillingPeriod opened, CancellationToken cancellationToken)
    {
        if (opened.FirstDay <= enrollment.LastOpened.FirstDay) return;
        try
        {
            var row = await tables.Billing.GetEntityOrNullAsync(tenant.Value, EnrollmentPrefix + enrollment.Customer.Value,
                cancellationToken: cancellationToken);
            if (row is null || ReadEnrollment(row).LastOpened.FirstDay >= opened.FirstDay) return;
            await tables.Billing.UpdateEntityAsync(EnrollmentRow(tenant, enrollment with { LastOpened = opened }), row.ETag,
                TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Someone else moved it; the entries are there either way, and the next run reads their value.
        }
    }

    public async Task<MonthEndEnrollment?> GetEnrollmentAsync(TenantId tenant, CustomerId customer, CancellationToken cancellationToken) =>
        await tables.Billing.GetEntityOrNullAsync(tenant.Value, EnrollmentPrefix + customer.Value, cancellationToken: cancellationToken) is { } row
            ? ReadEnrollment(row) : null;

    public async Task<IReadOnlyList<MonthEndEnrollment>> ListEnrollmentsAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var enrollments = new List<MonthEndEnrollment>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(tenant.Value, EnrollmentPrefix),
            cancellationToken: cancellationToken))
            enrollments.Add(ReadEnrollment(row));
        return enrollments;
    }

    /// <summary>One page of the entries the actor may see, of one period or of all, oldest period first.</summary>
    public async Task<Page<TableEntity>> ListEntriesAsync(Actor actor, BillingPeriod? period, BillingEntryStatus? status, int pageSize,
        string? continuationToken,
        CancellationToken cancellationToken)
    {
        var filter = StorageExtensions.PrefixFilter(actor.Tenant.Value, period is { } p ? BillingEntryRow.PeriodPrefix(p) : BillingEntryRow.Prefix)
            + Visibility.Filter(actor);
        if (status is { } s) filter += TableClient.CreateQueryFilter($" and Status eq {s.ToString()}");
        return await tables.Billing.QueryPageAsync(filter, pageSize, null, continuationToken, cancellationToken);
    }

    /// <summary>Entries the report needs: those of <paramref name="period"/>, and those of any period not yet invoiced.</summary>
    public async Task<IReadOnlyList<BillingEntrySnapshot>> ReportEntriesAsync(TenantId tenant, BillingPeriod period,
        CancellationToken cancellationToken)
    {
        var filter = StorageExtensions.PrefixFilter(tenant.Value, BillingEntryRow.Prefix)
            + TableClient.CreateQueryFilter($" and (Period eq {period.ToString()} or Status ne {nameof(BillingEntryStatus.Invoiced)})");
        var entries = new List<BillingEntrySnapshot>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            entries.Add(BillingEntryRow.Read(row));
        return entries;
    }

    /// <summary>Approved entries of the tenant: each should have its invoicing process running.</summary>
    public async Task<IReadOnlyList<BillingEntrySnapshot>> ApprovedEntriesAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var filter = StorageExtensions.PrefixFilter(tenant.Value, BillingEntryRow.Prefix)
            + TableClient.CreateQueryFilter($" and Status eq {nameof(BillingEntryStatus.Approved)}");
        var entries = new List<BillingEntrySnapshot>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            entries.Add(BillingEntryRow.Read(row));
        return entries;
    }

    private static TableEntity EnrollmentRow(TenantId tenant, MonthEndEnrollment e) => new(tenant.Value, EnrollmentPrefix + e.Customer.Value)
    {
        ["Customer"] = e.Customer.Value, ["FirstPeriod"] = e.FirstPeriod.ToString(), ["LastOpened"] = e.LastOpened.ToString(),
        ["EnrolledAt"] = e.EnrolledAt, ["EnrolledBy"] = e.EnrolledBy,
    };

    private static MonthEndEnrollment ReadEnrollment(TableEntity row)
    {
        BillingEntryRow.TryParsePeriod(row.GetString("FirstPeriod"), out var first);
        BillingEntryRow.TryParsePeriod(row.GetString("LastOpened"), out var last);
        return new(new CustomerId(row.GetString("Customer")!), first, last, row.GetDateTimeOffset("EnrolledAt")!.Value, row.GetString("EnrolledBy")!);
    }

    private async Task<bool> TrySubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Billing.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }
}
