using BillingFunctions.App.Tests.Testing;
using System.Net;
using System.Net.Http.Json;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Invoices;

/// <summary>Finalize, charge, void and the overdue sweep, against the Stripe emulator.</summary>
public sealed class StripeCommandTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly TenantCalendar Berlin = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

    private async Task<(TenantWorld World, CustomerResponse Customer)> WorldAsync()
    {
        var world = await TenantWorld.CreateAsync(host);
        return (world, await world.CreateCustomerAsync(world.RepA1));
    }

    private async Task<InvoiceResponse> DraftAsync(TenantWorld world, string customerId, string collection = "send_invoice")
    {
        var response = await world.RepA1.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(customerId, "eur", null, collection, null,
            collection == "send_invoice" ? 14 : null,
            [new InvoiceLineRequest("Workshop", 2, 50_000, 1_900), new InvoiceLineRequest("Travel", 1, 12_345, null)], ["q4"]), ApiHost.JsonOptions);
        return await TenantWorld.ReadAsync<InvoiceResponse>(response);
    }

    [Fact]
    public async Task Finalizing_creates_the_invoice_in_stripe_with_our_total_and_opens_ours()
    {
        var (world, customer) = await WorldAsync();
        using var _ = world;
        Assert.StartsWith("cus_", customer.StripeCustomerId);
        var draft = await DraftAsync(world, customer.Id);
        Assert.Equal(100_000 + 19_000 + 12_345, draft.Total);

        var open = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));

        Assert.Equal(("open", "open"), (open.Status, open.View));
        Assert.NotNull(open.Number);
        Assert.Equal(DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime).AddDays(14), open.DueDate);
        var stripe = TestStripe.Account(host.Stripe.BaseUrl, "sk_test_reader");
        var inStripe = await stripe.V1.Invoices.GetAsync(open.StripeInvoiceId!, null, stripe.Read());
        Assert.Equal((draft.Total, "open", customer.StripeCustomerId), (inStripe.Total, inStripe.Status, inStripe.CustomerId));

        var again = await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var dashboard = await TenantWorld.ReadAsync<RepDashboard>(await world.RepA1.GetAsync("/api/v1/dashboards/rep?quarter=2026-Q4"));
        Assert.Equal((draft.Total, draft.Total, 1), (dashboard.Current.Single().Invoiced, dashboard.Current.Single().Outstanding,
            dashboard.Current.Single().OpenCount));
    }

    [Fact]
    public async Task Charging_now_with_the_default_card_pays_the_invoice_and_counts_as_collected()
    {
        var (world, customer) = await WorldAsync();
        using var _ = world;
        var withCard = await TenantWorld.ReadAsync<CustomerResponse>(await world.RepA1.PostAsJsonAsync(
            $"/api/v1/customers/{customer.Id}/default-payment-method", new SetPaymentMethodRequest("pm_card_visa"), ApiHost.JsonOptions));
        Assert.StartsWith("pm_", withCard.DefaultPaymentMethod);
        var draft = await DraftAsync(world, customer.Id, "charge_automatically");
        await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));

        var paid = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/pay", null));

        Assert.Equal(("paid", draft.Total, 0L), (paid.Status, paid.AmountPaid, paid.AmountDue));
        var figures = (await TenantWorld.ReadAsync<RepDashboard>(
            await world.RepA1.GetAsync("/api/v1/dashboards/rep?quarter=2026-Q4"))).Current.Single();
        Assert.Equal((draft.Total, 0L, 1), (figures.Collected, figures.Outstanding, figures.PaidCount));
        var timeline = await TenantWorld.ReadAsync<List<TimelineEntry>>(await world.RepA1.GetAsync($"/api/v1/invoices/{draft.Id}/timeline"));
        Assert.Equal(["created", "finalized", "charged", "stripe.paid"], timeline.Select(e => e.Action).Reverse().Where(a => a != "stripe.open"));
    }

    [Fact]
    public async Task A_declined_card_is_a_402_problem_and_the_invoice_stays_open()
    {
        var (world, customer) = await WorldAsync();
        using var _ = world;
        await TenantWorld.ReadAsync<CustomerResponse>(await world.RepA1.PostAsJsonAsync(
            $"/api/v1/customers/{customer.Id}/default-payment-method",
            new SetPaymentMethodRequest("pm_card_chargeCustomerFail"), ApiHost.JsonOptions));
        var draft = await DraftAsync(world, customer.Id, "charge_automatically");
        await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null);

        var response = await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/pay", null);

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Contains(Problems.TypeBase + "card-declined", await response.Content.ReadAsStringAsync());
        Assert.Equal("open", (await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.GetAsync($"/api/v1/invoices/{draft.Id}"))).Status);
    }

    [Fact]
    public async Task Voiding_takes_the_invoice_out_of_the_quarter_figures()
    {
        var (world, customer) = await WorldAsync();
        using var _ = world;
        var draft = await DraftAsync(world, customer.Id);
        await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null);

        var voided = await TenantWorld.ReadAsync<InvoiceResponse>(await world.ManagerA.PostAsync($"/api/v1/invoices/{draft.Id}/void", null));

        Assert.Equal("void", voided.Status);
        var dashboard = await TenantWorld.ReadAsync<RepDashboard>(await world.RepA1.GetAsync("/api/v1/dashboards/rep?quarter=2026-Q4"));
        Assert.Empty(dashboard.Current);
        var (stored, recounted) = await Recount.SummariesAsync(host.Services.GetRequiredService<BillingTables>(), world.Tenant.TenantId, Berlin);
        Assert.Equal(recounted, stored);
    }

    [Fact]
    public async Task Sending_records_it_on_the_timeline_and_marking_uncollectible_keeps_it_invoiced_but_not_outstanding()
    {
        var (world, customer) = await WorldAsync();
        using var _ = world;
        var draft = await DraftAsync(world, customer.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/send", null)).StatusCode);
        await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null);

        var sent = await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/send", null);
        var written = await TenantWorld.ReadAsync<InvoiceResponse>(await world.Finance.PostAsync($"/api/v1/invoices/{draft.Id}/mark-uncollectible",
            null));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("uncollectible", written.Status);
        var timeline = await TenantWorld.ReadAsync<List<TimelineEntry>>(await world.RepA1.GetAsync($"/api/v1/invoices/{draft.Id}/timeline"));
        Assert.Contains(timeline, e => e.Action == "sent" && e.Actor == "rep-a1");
        Assert.Contains(timeline, e => e.Action == "marked_uncollectible" && e.Actor == "finance");
        var figures = (await TenantWorld.ReadAsync<RepDashboard>(
            await world.RepA1.GetAsync("/api/v1/dashboards/rep?quarter=2026-Q4"))).Current.Single();
        Assert.Equal((draft.Total, 0L, 0), (figures.Invoiced, figures.Outstanding, figures.OpenCount));
    }

    [Fact]
    public async Task The_overdue_sweep_flags_open_invoices_past_their_dueDate_in_the_tenants_calendar()
    {
        var (world, customer) = await WorldAsync();
        using var _ = world;
        var draft = await DraftAsync(world, customer.Id);
        var open = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));
        var sweep = host.Services.GetRequiredService<OverdueSweep>();
        var start = host.Clock.GetUtcNow();
        try
        {
            // 23:30 in Berlin: still the due date
            host.Clock.AdjustTime(new DateTimeOffset(open.DueDate!.Value.ToDateTime(new TimeOnly(22, 30)), TimeSpan.Zero));
            await sweep.RunAsync(default);
            Assert.Equal("open", (await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.GetAsync($"/api/v1/invoices/{draft.Id}"))).View);

            host.Clock.Advance(TimeSpan.FromHours(1)); // past midnight in Berlin
            await sweep.RunAsync(default);
        }
        finally { host.Clock.AdjustTime(start); }

        var overdue = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.GetAsync($"/api/v1/invoices/{draft.Id}"));
        Assert.Equal(("overdue", true), (overdue.View, overdue.Overdue));
        var listed = await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.ManagerA.GetAsync("/api/v1/invoices?status=overdue"));
        Assert.Equal([draft.Id], listed.Items.Select(i => i.Id));
        var figures = (await TenantWorld.ReadAsync<RepDashboard>(
            await world.RepA1.GetAsync("/api/v1/dashboards/rep?quarter=2026-Q4"))).Current.Single();
        Assert.Equal((draft.Total, 1), (figures.Overdue, figures.OverdueCount));
    }
}
