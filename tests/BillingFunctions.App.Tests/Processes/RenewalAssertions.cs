using Azure.Data.Tables;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Renewals;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingFunctions.App.Tests.Processes;

internal static class RenewalAssertions
{
    /// <summary>
    /// Exactly one paid invoice per expected period start, each charged once, and nothing else, in Stripe; and in the
    /// CRM, exactly one paid invoice per period too, linked to that Stripe invoice.
    /// </summary>
    public static async Task AssertOneInvoicePerPeriodAsync(RenewalHarness harness, EmulatorFixture emulator, string customer,
        params DateTimeOffset[] periodStarts)
    {
        var invoices = await harness.InvoicesAsync(customer);
        var byPeriod = invoices.GroupBy(i => i.Metadata!["period_start"]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(periodStarts.Select(p => p.ToUnixTimeSeconds().ToString()).Order(), byPeriod.Keys.Order());
        foreach (var (period, list) in byPeriod)
        {
            var invoice = Assert.Single(list);
            Assert.Equal("paid", invoice.Status);
            Assert.Equal(2000, invoice.Total);
        }
        var charges = await emulator.ChargesAsync(customer);
        Assert.Equal(periodStarts.Length, charges.Count);
        await AssertOneCrmInvoicePerPeriodAsync(harness, invoices, periodStarts);
    }

    private static async Task AssertOneCrmInvoicePerPeriodAsync(RenewalHarness harness, IReadOnlyList<Stripe.Invoice> stripeInvoices,
        DateTimeOffset[] periodStarts)
    {
        var subscription = new Domain.Subscriptions.SubscriptionId(stripeInvoices[0].Metadata!["subscription"]);
        var tenant = (await new TenantDirectory(harness.Tables, TestSecrets.Store).GetAsync(new(RenewalHarness.Tenant), CancellationToken.None))!;
        var store = new InvoiceStore(harness.Tables, TimeProvider.System, NullLogger<InvoiceStore>.Instance);
        foreach (var start in periodStarts)
        {
            var id = new InvoiceId(RenewalState.InvoiceIdFor(subscription, start));
            var (crm, _) = (await store.GetAsync(tenant, id, CancellationToken.None)) ?? throw new Xunit.Sdk.XunitException($"No CRM invoice {id}.");
            var stripe = Assert.Single(stripeInvoices, i => i.Metadata!["period_start"] == start.ToUnixTimeSeconds().ToString());
            Assert.Equal(stripe.Id, crm.StripeInvoiceId);
            Assert.Equal(id.Value, stripe.Metadata![StripeInvoiceEvents.InvoiceIdMetadata]);
            Assert.Equal(InvoiceStatus.Paid, crm.Status);
            Assert.Equal(2000, Invoice.Restore(crm).Total.Minor);
            Assert.Contains(crm.Labels, l => l.Value == "subscription");
        }
        // Nothing else for the customer: no stray drafts from a crashed attempt under another id.
        var customerId = (await store.GetAsync(tenant, new InvoiceId(RenewalState.InvoiceIdFor(subscription, periodStarts[0])),
            CancellationToken.None))!
            .Value.Invoice.Customer.Value;
        var rows = harness.Tables.Billing.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {RenewalHarness.Tenant} and RowKey ge {"inv|"} and RowKey lt {"inv}"} and Customer eq {customerId}"));
        var count = 0;
        await foreach (var _ in rows) count++;
        Assert.Equal(periodStarts.Length, count);
    }
}
