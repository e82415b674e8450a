using System.Net;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Tests.Api;
using static BillingFunctions.App.Tests.MonthEnd.MonthEndSteps;

namespace BillingFunctions.App.Tests.MonthEnd;

/// <summary>
/// Month-end billing end to end through the HTTP API, on Azurite and the Stripe emulator: a month's entry from
/// enrollment to a paid Stripe invoice and the customer's email, then the next month's entry opened by the timer.
/// </summary>
public sealed class MonthEndFlowTests(MonthEndHost host) : IClassFixture<MonthEndHost>
{
    [Fact]
    public async Task A_month_is_entered_returned_resubmitted_approved_charged_emailed_and_the_next_month_opens_without_the_amount()
    {
        // The host's clock reads 2026-11-20 10:00 UTC; the tenant bills in Europe/Berlin.
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await CustomerWithCardAsync(world);

        var enrolled = await EnrollAsync(world.RepA1, customer.Id, "2026-11");
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        var opened = await TenantWorld.ReadAsync<BillingEntryResponse>(enrolled);
        Assert.Equal(("2026-11", "open", "rep-a1", "team-a"), (opened.Period, opened.Status, opened.OwnerId, opened.OwnerTeamId));
        // Thirty calendar days from 1 November: midnight starting 1 December in Berlin.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), opened.DeadlineAt);
        Assert.Equal((null, null), (opened.Amount, opened.Note));

        // The entry is on the rep's list and the manager's, not on another team's rep's.
        Assert.Contains((await TenantWorld.ReadAsync<Page<BillingEntryResponse>>(
            await world.RepA1.GetAsync("/api/v1/month-end/entries?period=2026-11"))).Items, e => e.Id == opened.Id);
        Assert.Contains((await TenantWorld.ReadAsync<Page<BillingEntryResponse>>(await world.ManagerA.GetAsync("/api/v1/month-end/entries"))).Items,
            e => e.Id == opened.Id);
        Assert.DoesNotContain((await TenantWorld.ReadAsync<Page<BillingEntryResponse>>(await world.RepB.GetAsync("/api/v1/month-end/entries"))).Items,
            e => e.Id == opened.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await world.RepB.GetAsync(EntryPath(opened.Id))).StatusCode);

        var submitted = await TenantWorld.ReadAsync<BillingEntryResponse>(await SubmitAsync(world.RepA1, opened.Id, 120_000,
            "eur", "November retainer"));
        Assert.Equal(("submitted", 120_000L), (submitted.Status, submitted.Amount));

        var selfApproval = await ApproveAsync(world.RepA1, opened.Id);
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Contains(Problems.TypeBase + "forbidden", await selfApproval.Content.ReadAsStringAsync());

        var returned = await TenantWorld.ReadAsync<BillingEntryResponse>(await ReturnAsync(world.ManagerA, opened.Id,
            "Add the workshop on the 12th."));
        Assert.Equal(("returned", "Add the workshop on the 12th."), (returned.Status, (await EntryAsync(world.RepA1, opened.Id)).ReviewComment));

        await TenantWorld.ReadAsync<BillingEntryResponse>(await SubmitAsync(world.RepA1, opened.Id, 150_075, "eur",
            "November retainer and workshop"));
        var approve = await ApproveAsync(world.ManagerA, opened.Id);
        Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        Assert.Equal("approved", (await TenantWorld.ReadAsync<BillingEntryResponse>(approve)).Status);

        await host.RunInvoicingUntilQuietAsync();

        var invoiced = await EntryAsync(world.RepA1, opened.Id);
        Assert.Equal("invoiced", invoiced.Status);
        var invoice = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.GetAsync($"/api/v1/invoices/{invoiced.InvoiceId}"));
        Assert.Equal(("paid", 150_075L, 150_075L, 0L), (invoice.Status, invoice.Total, invoice.AmountPaid, invoice.AmountDue));
        Assert.Equal("November retainer and workshop", Assert.Single(invoice.Lines).Description);

        var inStripe = await host.StripeReader.V1.Invoices.GetAsync(invoice.StripeInvoiceId!, null, host.StripeReader.Read());
        Assert.Equal(("paid", 150_075L, 150_075L, "eur", customer.StripeCustomerId),
            (inStripe.Status, inStripe.Total, inStripe.AmountPaid, inStripe.Currency, inStripe.CustomerId));
        var charge = Assert.Single(await host.ChargesAsync(customer.StripeCustomerId!));
        Assert.Equal(("succeeded", 150_075L), (charge.GetProperty("status").GetString(), charge.GetProperty("amount").GetInt64()));

        var listed = await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.RepA1.GetAsync($"/api/v1/invoices?customerId={customer.Id}"));
        Assert.Equal((invoice.Id, "paid", 150_075L), (Assert.Single(listed.Items).Id, listed.Items[0].View, listed.Items[0].Total));

        var email = Assert.Single(await host.OutboxAsync(), e => e.TenantId == world.Tenant.TenantId);
        Assert.Equal("billing@globex.example", email.Message.To.Address);
        Assert.Contains(invoice.Number!, email.Message.Subject, StringComparison.Ordinal);
        Assert.Contains(invoice.HostedInvoiceUrl!, email.Message.PlainText, StringComparison.Ordinal);
        Assert.Contains("1,500.75 EUR", email.Message.PlainText, StringComparison.Ordinal);

        // 1 December, 11:00 in Berlin: the timer opens December by itself, once however often it runs.
        host.Clock.AdjustTime(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        Assert.True(await host.RunOpenerAsync() >= 1);
        await host.RunOpenerAsync();
        var december = Assert.Single((await TenantWorld.ReadAsync<Page<BillingEntryResponse>>(
            await world.RepA1.GetAsync("/api/v1/month-end/entries?period=2026-12"))).Items, e => e.CustomerId == customer.Id);
        Assert.Equal(("open", "Globex GmbH", "billing@globex.example", "rep-a1"),
            (december.Status, december.CustomerName, december.CustomerEmail, december.OwnerId));
        Assert.Equal((null, null, null), (december.Amount, december.Note, december.ReviewComment));
        Assert.Equal(new DateTimeOffset(2026, 12, 30, 23, 0, 0, TimeSpan.Zero), december.DeadlineAt);

        var decemberReport = await TenantWorld.ReadAsync<MonthEndReportResponse>(
            await world.ManagerA.GetAsync("/api/v1/month-end/report?period=2026-12"));
        Assert.Contains(Assert.Single(decemberReport.PerRep, r => r.RepId == "rep-a1").NotBilled,
            u => u.CustomerId == customer.Id && u.EntryStatus == "open");
        Assert.Contains(Assert.Single(decemberReport.PerTeam, t => t.TeamId == "team-a").NotBilled, u => u.CustomerId == customer.Id);
        var novemberReport = await TenantWorld.ReadAsync<MonthEndReportResponse>(
            await world.ManagerA.GetAsync("/api/v1/month-end/report?period=2026-11"));
        Assert.DoesNotContain(novemberReport.PerRep.SelectMany(r => r.NotBilled), u => u.CustomerId == customer.Id);
        Assert.Empty(decemberReport.Overdue);
        var otherTeam = await TenantWorld.ReadAsync<MonthEndReportResponse>(await world.RepB.GetAsync("/api/v1/month-end/report?period=2026-12"));
        Assert.DoesNotContain(otherTeam.PerRep.SelectMany(r => r.NotBilled), u => u.CustomerId == customer.Id);

        // Past December's deadline and still not billed: overdue, in the report and on the entry.
        host.Clock.AdjustTime(new DateTimeOffset(2026, 12, 31, 9, 0, 0, TimeSpan.Zero));
        var late = await TenantWorld.ReadAsync<MonthEndReportResponse>(await world.ManagerA.GetAsync("/api/v1/month-end/report?period=2026-12"));
        var overdue = Assert.Single(late.Overdue, o => o.CustomerId == customer.Id);
        Assert.Equal((december.Id, "2026-12", "open"), (overdue.EntryId, overdue.Period, overdue.Status));
        Assert.True((await EntryAsync(world.RepA1, december.Id)).Overdue);
        Assert.False((await EntryAsync(world.RepA1, opened.Id)).Overdue);
    }
}
