using BillingFunctions.App.Audit;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.MonthEnd;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// Hourly: opens each enrolled customer's entry for every month up to the current one in the tenant's calendar
/// (after downtime, each missed month once, in order), so next month's entry appears by itself. The entry id is
/// one per customer and month, so two runs at once open it once. It also starts the invoicing of any approved
/// entry whose approval request died before it could.
/// </summary>
public sealed class MonthEndOpener(TenantDirectory tenants, MonthEndStore store, CustomerStore customers, BillingEntryCommands commands,
    TimeProvider time, ILogger<MonthEndOpener> logger)
{
    [Function("open-month-end-entries")]
    public static Task OpenAsync([TimerTrigger("0 10 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable,
        FunctionContext context, CancellationToken cancellationToken) =>
        context.InstanceServices.GetRequiredService<MonthEndOpener>().RunAsync(durable, cancellationToken);

    /// <returns>How many entries were opened.</returns>
    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var opened = 0;
        await foreach (var tenant in tenants.ListAsync(cancellationToken))
        {
            var current = BillingPeriod.Containing(time.GetUtcNow(), tenant.Calendar);
            foreach (var enrollment in await store.ListEnrollmentsAsync(tenant.Id, cancellationToken))
            {
                var last = enrollment.LastOpened;
                for (var period = last.Next; period.FirstDay <= current.FirstDay; period = period.Next)
                {
                    if (await OpenAsync(tenant, enrollment.Customer, period, cancellationToken)) opened++;
                    last = period;
                }
                await store.RecordOpenedAsync(tenant.Id, enrollment, last, cancellationToken);
            }
            foreach (var approved in await store.ApprovedEntriesAsync(tenant.Id, cancellationToken))
                await commands.StartInvoicingAsync(durable, tenant, BillingEntry.Restore(approved).PendingInvoice!, cancellationToken);
        }
        if (opened > 0) logger.LogInformation("Opened {Count} month-end billing entries", opened);
        return opened;
    }

    /// <summary>
    /// Opens from the customer as it is now: details and owner carried over from the customer, the amount from nowhere.
    /// False when the entry exists already (another run, or the enrollment opened it).
    /// </summary>
    private async Task<bool> OpenAsync(Tenant tenant, CustomerId customerId, BillingPeriod period, CancellationToken cancellationToken)
    {
        if (await store.GetEntryAsync(tenant.Id, customerId, period, cancellationToken) is not null) return false;
        if (await customers.GetAsync(tenant.Id, customerId, cancellationToken) is not var (customer, _))
        {
            logger.LogWarning("Customer {CustomerId} of tenant {TenantId} is on month-end billing but gone", customerId, tenant.Id);
            return false;
        }
        var entry = BillingEntry.Open(customer, period, tenant.Calendar).ToSnapshot();
        var audit = new AuditEntry(time.GetUtcNow(), "system", "month_end.opened",
            $"{period}, deadline {entry.DeadlineAt:yyyy-MM-dd}", null, customerId);
        return await store.TryWriteEntryAsync(tenant.Id, null, default, entry, audit, cancellationToken);
    }
}
