using System.Net.Http.Json;
using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Invoices;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// Dashboards and label lists read copies of the billing table's rows, written after the invoice's transaction:
/// the figures must stay exactly those of the invoices when copies are lost, repeated or arrive late.
/// </summary>
public sealed class ReadCopyTests(CopyLosingHost host) : IClassFixture<CopyLosingHost>
{
    private static readonly TenantCalendar Berlin = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
    private BillingTables Tables => host.Services.GetRequiredService<BillingTables>();
    private ReadCopyRepair Repair => host.Services.GetRequiredService<ReadCopyRepair>();

    private static async Task<InvoiceResponse> FinalizedAsync(TenantWorld world, HttpClient rep, long unitAmount, params string[] labels)
    {
        var customer = await world.CreateCustomerAsync(rep);
        var draft = await world.CreateInvoiceAsync(rep, customer.Id, unitAmount, labels);
        return await TenantWorld.ReadAsync<InvoiceResponse>(await rep.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));
    }

    private static async Task<FiguresResponse?> RepFiguresAsync(TenantWorld world) =>
        (await TenantWorld.ReadAsync<RepDashboard>(await world.RepA1.GetAsync("/api/v1/dashboards/rep?quarter=2026-Q4"))).Current.SingleOrDefault();

    private static async Task<List<string>> LabelledAsync(TenantWorld world, string label) =>
        (await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.Finance.GetAsync($"/api/v1/invoices?label={label}"))).Items.Select(i => i.Id)
            .ToList();

    private async Task AssertCopiesMatchRecountAsync(TenantWorld world)
    {
        var (stored, recounted) = await Recount.SummariesAsync(Tables, world.Tenant.TenantId, Berlin);
        Assert.Equal(recounted.OrderBy(p => p.Key), stored.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Changes_whose_copies_were_lost_show_after_the_repair_and_count_once()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var kept = await FinalizedAsync(world, world.RepA1, 1_000, "retainer");
        try
        {
            host.LoseCopies = true;
            await FinalizedAsync(world, world.RepA1, 2_000, "retainer");
            var removed = await world.RepA1.DeleteAsync($"/api/v1/invoices/{kept.Id}/labels/retainer");
            Assert.True(removed.IsSuccessStatusCode);
        }
        finally
        {
            host.LoseCopies = false;
        }

        // The changes stand; what the dashboard and the label list show is behind.
        Assert.Equal(2_000L, (await RepFiguresAsync(world))!.Invoiced);
        Assert.Equal([kept.Id], await LabelledAsync(world, "retainer"));

        Assert.True(await Repair.RunAsync(world.Tenant.TenantId, CancellationToken.None) > 0);
        Assert.Equal(0, await Repair.RunAsync(world.Tenant.TenantId, CancellationToken.None));

        var figures = (await RepFiguresAsync(world))!;
        Assert.Equal((6_000L, 2, 6_000L), (figures.Invoiced, figures.InvoicedCount, figures.Outstanding));
        var listed = await LabelledAsync(world, "retainer");
        Assert.DoesNotContain(kept.Id, listed);
        Assert.Single(listed);
        await AssertCopiesMatchRecountAsync(world);
    }

    [Fact]
    public async Task A_tenant_from_before_the_copies_gets_them_from_the_backfill()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var invoice = await FinalizedAsync(world, world.RepA1, 1_500, "project");
        var before = await TenantWorld.ReadAsync<TeamDashboard>(await world.ManagerA.GetAsync("/api/v1/dashboards/team?quarter=2026-Q4"));
        // As a tenant written before the copies existed: the billing table only.
        foreach (var table in new[] { Tables.Dashboards, Tables.InvoiceLabels })
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {world.Tenant.TenantId}")))
                await table.DeleteEntityAsync(row);
        Assert.Empty((await TenantWorld.ReadAsync<TeamDashboard>(await world.ManagerA.GetAsync("/api/v1/dashboards/team?quarter=2026-Q4"))).Reps);

        await Repair.RunAsync(CancellationToken.None);

        var after = await TenantWorld.ReadAsync<TeamDashboard>(await world.ManagerA.GetAsync("/api/v1/dashboards/team?quarter=2026-Q4"));
        Assert.Equal(3_000L, Assert.Single(after.Totals).Invoiced);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before), System.Text.Json.JsonSerializer.Serialize(after));
        Assert.Equal([invoice.Id], await LabelledAsync(world, "project"));
        await AssertCopiesMatchRecountAsync(world);
    }

    [Fact]
    public async Task A_late_copy_never_replaces_a_newer_one()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var tenant = world.Tenant.TenantId;
        TableEntity Summary(long invoiced, long version) => new(tenant, "sum|2026-Q4|rep-a1|EUR|0")
            { ["Invoiced"] = invoiced, ["InvoicedCount"] = 1, [ReadCopies.Version] = version };

        await ReadCopies.CopyAsync(Tables.Dashboards, [Summary(2_000, 2)], CancellationToken.None);
        await ReadCopies.CopyAsync(Tables.Dashboards, [Summary(1_000, 1)], CancellationToken.None);
        await ReadCopies.CopyAsync(Tables.Dashboards, [Summary(2_000, 2)], CancellationToken.None);
        Assert.Equal(2_000L, (await RepFiguresAsync(world))!.Invoiced);

        // A label taken off at version 3 stays off when the copy from version 2 (label on) comes late.
        await ReadCopies.CopyAsync(Tables.InvoiceLabels, [ReadCopies.Tombstone(tenant, "late|inv_late", 3)], CancellationToken.None);
        await ReadCopies.CopyAsync(Tables.InvoiceLabels, [new TableEntity(tenant, "late|inv_late")
            { ["InvoiceId"] = "inv_late", ["Owner"] = "rep-a1", [ReadCopies.Version] = 2L, [ReadCopies.Live] = true }], CancellationToken.None);
        Assert.Empty(await LabelledAsync(world, "late"));
    }

    [Fact]
    public async Task Copies_racing_on_one_invoice_end_at_its_figures()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var invoice = await FinalizedAsync(world, world.RepA1, 10_000);
        var labels = Enumerable.Range(1, 6).Select(i => $"race-{i}").ToArray();
        var responses = await Task.WhenAll(labels.Select(label =>
            world.ManagerA.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/labels", new LabelRequest(label), ApiHost.JsonOptions)));
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        await Task.WhenAll(labels.Take(3).Select(label => world.ManagerA.DeleteAsync($"/api/v1/invoices/{invoice.Id}/labels/{label}")));

        foreach (var label in labels) Assert.Equal(Array.IndexOf(labels, label) >= 3 ? [invoice.Id] : [], await LabelledAsync(world, label));
        await AssertCopiesMatchRecountAsync(world);
        Assert.Equal(0, await Repair.RunAsync(world.Tenant.TenantId, CancellationToken.None));
    }

    [Fact]
    public async Task The_team_roll_up_follows_a_rep_who_moves_team()
    {
        using var world = await TenantWorld.CreateAsync(host);
        await FinalizedAsync(world, world.RepA1, 1_000);
        await FinalizedAsync(world, world.RepA2, 2_000);

        await world.PutUserAsync("rep-a2", "rep", "team-b");

        var team = await TenantWorld.ReadAsync<TeamDashboard>(await world.ManagerA.GetAsync("/api/v1/dashboards/team?quarter=2026-Q4"));
        Assert.Equal(["rep-a1"], team.Reps.Select(r => r.UserId));
        Assert.Equal(2_000L, Assert.Single(team.Totals).Invoiced);
    }
}
