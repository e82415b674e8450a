using BillingFunctions.App.Customers;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.Dashboards;

/// <summary>Quarter figures per rep, rolled up per team for the manager and per tenant for finance.</summary>
public sealed class DashboardTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static async Task<InvoiceResponse> FinalizedAsync(TenantWorld world, HttpClient rep, long unitAmount)
    {
        var customer = await world.CreateCustomerAsync(rep);
        var draft = await world.CreateInvoiceAsync(rep, customer.Id, unitAmount);
        return await TenantWorld.ReadAsync<InvoiceResponse>(await rep.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));
    }

    [Fact]
    public async Task The_manager_sees_the_team_roll_up_and_finance_the_tenant_total()
    {
        using var world = await TenantWorld.CreateAsync(host);
        await FinalizedAsync(world, world.RepA1, 1_000);
        await FinalizedAsync(world, world.RepA1, 2_000);
        await FinalizedAsync(world, world.RepA2, 4_000);
        await FinalizedAsync(world, world.RepB, 8_000);
        var draft = await world.CreateInvoiceAsync(world.RepB, (await world.CreateCustomerAsync(world.RepB)).Id, 16_000);

        var team = await TenantWorld.ReadAsync<TeamDashboard>(await world.ManagerA.GetAsync("/api/v1/dashboards/team?quarter=2026-Q4"));
        var tenant = await TenantWorld.ReadAsync<TenantDashboard>(await world.Finance.GetAsync("/api/v1/dashboards/tenant?quarter=2026-Q4"));
        var rep = await TenantWorld.ReadAsync<RepDashboard>(await world.RepA1.GetAsync("/api/v1/dashboards/rep?quarter=2026-Q4"));

        // CreateInvoiceAsync bills two of each unit.
        Assert.Equal(["rep-a1", "rep-a2"], team.Reps.Select(r => r.UserId));
        Assert.Equal((14_000L, 3), (team.Totals.Single().Invoiced, team.Totals.Single().OpenCount));
        Assert.Equal((30_000L, 30_000L, 4), (tenant.Totals.Single().Invoiced, tenant.Totals.Single().Outstanding,
            tenant.Totals.Single().InvoicedCount));
        Assert.Equal((6_000L, "2026-Q3"), (rep.Current.Single().Invoiced, rep.PreviousQuarter));
        Assert.Empty(rep.Previous);
        Assert.Equal("draft", draft.Status);
    }

    [Fact]
    public async Task The_quarter_filter_lists_invoices_finalized_in_that_quarter()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var finalized = await FinalizedAsync(world, world.RepA1, 1_000);
        await world.CreateInvoiceAsync(world.RepA1, (await world.CreateCustomerAsync(world.RepA1)).Id);

        var q4 = await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.RepA1.GetAsync("/api/v1/invoices?quarter=2026-Q4"));
        var q3 = await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.RepA1.GetAsync("/api/v1/invoices?quarter=2026-Q3"));

        Assert.Equal([finalized.Id], q4.Items.Select(i => i.Id));
        Assert.Empty(q3.Items);
    }
}
