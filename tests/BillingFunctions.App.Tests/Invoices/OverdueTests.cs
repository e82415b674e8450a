using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tests.Invoices;

/// <summary>The overdue sweep as finance sees it: the tenant dashboard and the overdue list, before and after the customer pays.</summary>
public sealed class OverdueTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task An_overdue_invoice_counts_as_overdue_for_the_tenant_until_its_payment_arrives_then_as_collected()
    {
        host.Clock.AdjustTime(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var draft = await world.CreateInvoiceAsync(world.RepA1, customer.Id); // send_invoice, due in 14 days
        var open = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));

        // 00:30 in Berlin on the day after the due date.
        host.Clock.AdjustTime(new DateTimeOffset(open.DueDate!.Value.ToDateTime(new TimeOnly(23, 30)), TimeSpan.Zero));
        await host.Services.GetRequiredService<OverdueSweep>().RunAsync(default);

        var overdue = await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.Finance.GetAsync("/api/v1/invoices?status=overdue"));
        Assert.Equal([draft.Id], overdue.Items.Select(i => i.Id));
        var before = (await TenantWorld.ReadAsync<TenantDashboard>(
            await world.Finance.GetAsync("/api/v1/dashboards/tenant?quarter=2026-Q4"))).Totals.Single();
        Assert.Equal((open.Total, 1, 0L), (before.Overdue, before.OverdueCount, before.Collected));

        using var http = new HttpClient();
        var stripe = TestStripe.Account(host.Stripe.BaseUrl, "sk_test_overdue");
        await stripe.V1.Invoices.PayAsync(open.StripeInvoiceId!, new InvoicePayOptions { PaymentMethod = "pm_card_visa" },
            stripe.Write("pay-" + open.Id));
        var paid = (await stripe.V1.Events.ListAsync(new EventListOptions { Type = "invoice.paid", Limit = 100 }, stripe.Read())).Data
            .Single(e => e.ObjectId() == open.StripeInvoiceId);
        await host.Services.GetRequiredService<StripeInvoiceEvents>().ApplyAsync(new TenantId(world.Tenant.TenantId), paid, default);

        Assert.Empty((await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.Finance.GetAsync("/api/v1/invoices?status=overdue"))).Items);
        var after = (await TenantWorld.ReadAsync<TenantDashboard>(
            await world.Finance.GetAsync("/api/v1/dashboards/tenant?quarter=2026-Q4"))).Totals.Single();
        Assert.Equal((0L, 0, open.Total, 0L), (after.Overdue, after.OverdueCount, after.Collected, after.Outstanding));
    }
}
