using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Invoices;

/// <summary>
/// Hourly: flags open invoices whose due date has passed in their tenant's calendar, so "overdue" is stored state
/// (in the invoice, its index rows and the quarter summaries) rather than computed on every read.
/// </summary>
public sealed class OverdueSweep(TenantDirectory tenants, BillingTables tables, InvoiceStore store, TimeProvider time, ILogger<OverdueSweep> logger)
{
    [Function("flag-overdue-invoices")]
    public static Task FlagAsync([TimerTrigger("0 5 * * * *")] TimerInfo timer, FunctionContext context, CancellationToken cancellationToken) =>
        context.InstanceServices.GetRequiredService<OverdueSweep>().RunAsync(cancellationToken);

    /// <returns>How many invoices were flagged.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var flagged = 0;
        await foreach (var tenant in tenants.ListAsync(cancellationToken))
        {
            var today = tenant.Calendar.Today(time.GetUtcNow());
            var dueBefore = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            // Held invoices too: the hold stops reminders, not the clock.
            foreach (var view in new[] { InvoiceView.Open, InvoiceView.OnHold })
            {
                var filter = StorageExtensions.PrefixFilter(tenant.Id.Value, $"{InvoiceIndex.Prefix}status|{InvoiceIndex.ViewName(view)}|")
                    + TableClient.CreateQueryFilter($" and DueDate lt {dueBefore}");
                await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, select: ["InvoiceId"], cancellationToken: cancellationToken))
                {
                    var outcome = await store.ChangeAsync(tenant, new InvoiceId(row.GetString("InvoiceId")!), invoice =>
                    {
                        List<InvoiceChange> changes = invoice.FlagIfPastDue(today) is { } change ? [change] : [];
                        return changes;
                    }, "system", null, cancellationToken);
                    if (outcome is ChangeOutcome.Changed) flagged++;
                }
            }
        }
        if (flagged > 0) logger.LogInformation("Flagged {Count} invoices as overdue", flagged);
        return flagged;
    }
}
