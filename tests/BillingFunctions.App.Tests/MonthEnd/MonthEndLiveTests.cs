using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Tenancy;
using static BillingFunctions.App.Tests.MonthEnd.MonthEndSteps;

namespace BillingFunctions.App.Tests.MonthEnd;

/// <summary>
/// The running app on real ports with its time-travel clock: the invoicing runs as an orchestration on the host's task
/// hub, and the declared timer, invoked as the Functions host invokes it, opens the next month.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class MonthEndLiveTests : IAsyncLifetime
{
    private static readonly TenantCalendar Berlin = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
    private LiveStack _stack = null!;

    public async Task InitializeAsync() => _stack = await LiveStack.StartAsync(
        $"--{PlatformKeyAuthenticationHandler.KeySetting}={ApiHost.PlatformKey}", "--Clock:TimeTravel=true");
    // The invoicing orchestration runs by itself on the task hub; the opener timer is invoked below, when the clock has moved.

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private HttpClient Client(string? apiKey = null, string? user = null)
    {
        var client = new HttpClient { BaseAddress = _stack.AppUrl };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (user is not null) client.DefaultRequestHeaders.Add("X-Acting-User", user);
        return client;
    }

    [Fact]
    public async Task Approval_is_invoiced_by_the_orchestration_and_the_timer_opens_next_month_after_the_clock_moves()
    {
        using var platform = Client();
        platform.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, ApiHost.PlatformKey);
        var tenant = await TenantWorld.ReadAsync<ProvisionedTenant>(await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new ProvisionTenantRequest("Live", "eur", "Europe/Berlin", "sk_test_" + Guid.NewGuid().ToString("N"), null,
                StripeSignature.NewSecret(), "admin", null)));
        using var admin = Client(tenant.ApiKey, "admin");
        (await admin.PutAsJsonAsync("/api/v1/users/ada", new PutUserRequest("rep", "north", "Ada"))).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/users/mo", new PutUserRequest("manager", "north", "Mo"))).EnsureSuccessStatusCode();
        using var ada = Client(tenant.ApiKey, "ada");
        using var mo = Client(tenant.ApiKey, "mo");
        var customer = await TenantWorld.ReadAsync<CustomerResponse>(await ada.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("Initech", "ap@initech.example", null, null, null)));
        await TenantWorld.ReadAsync<CustomerResponse>(await ada.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/default-payment-method",
            new SetPaymentMethodRequest("pm_card_visa")));

        var entry = await TenantWorld.ReadAsync<BillingEntryResponse>(await EnrollAsync(ada, customer.Id, null));
        var thisMonth = BillingPeriod.Containing(DateTimeOffset.UtcNow, Berlin);
        Assert.Equal(thisMonth.ToString(), entry.Period);
        await TenantWorld.ReadAsync<BillingEntryResponse>(await SubmitAsync(ada, entry.Id, 31_415, "eur", "Hosting"));
        await TenantWorld.ReadAsync<BillingEntryResponse>(await ApproveAsync(mo, entry.Id));

        await Eventually.TrueAsync(async () => (await EntryAsync(ada, entry.Id)).Status == "invoiced", "the orchestration invoices the approval");
        var invoiceId = (await EntryAsync(ada, entry.Id)).InvoiceId;
        var invoice = await TenantWorld.ReadAsync<InvoiceResponse>(await ada.GetAsync($"/api/v1/invoices/{invoiceId}"));
        Assert.Equal(("paid", 31_415L), (invoice.Status, invoice.AmountPaid));

        // Two hours into next month in Berlin, then the hourly timer as the host would fire it.
        var nextMonth = thisMonth.Next;
        var to = nextMonth.OpensAt(Berlin).AddHours(2);
        (await platform.PostAsJsonAsync("/api/dev/clock", new { to })).EnsureSuccessStatusCode();
        await _stack.App.InvokeAsync("open-month-end-entries");

        var next = Assert.Single((await TenantWorld.ReadAsync<Page<BillingEntryResponse>>(
            await ada.GetAsync($"/api/v1/month-end/entries?period={nextMonth}"))).Items);
        Assert.Equal((customer.Id, "open", "Initech", (long?)null, (string?)null),
            (next.CustomerId, next.Status, next.CustomerName, next.Amount, next.Note));
        var report = await TenantWorld.ReadAsync<MonthEndReportResponse>(await mo.GetAsync($"/api/v1/month-end/report?period={nextMonth}"));
        Assert.Contains(Assert.Single(report.PerRep).NotBilled, u => u.CustomerId == customer.Id);
        var billed = await TenantWorld.ReadAsync<MonthEndReportResponse>(await mo.GetAsync($"/api/v1/month-end/report?period={thisMonth}"));
        Assert.Empty(billed.PerRep);
    }
}
