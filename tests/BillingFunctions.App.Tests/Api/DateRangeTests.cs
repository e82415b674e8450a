using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingFunctions.App.Customers;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tests.Subscriptions;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// Dates, months and quarters outside 2000-2199 are a 400 naming the parameter and the accepted range, not an overflow
/// and not an answer about a year no one bills in; the first and last months and quarters of the range are taken.
/// </summary>
public sealed class DateRangeTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Theory]
    [InlineData("from=0001-01-01")]
    [InlineData("to=9999-12-31")]
    [InlineData("from=9999-12-01&to=9999-12-31")]
    public async Task A_reconciliation_at_the_ends_of_the_calendar_is_a_400(string query)
    {
        using var world = await TenantWorld.CreateAsync(host);
        var response = await world.Finance.GetAsync($"/api/v1/reconciliation?{query}");
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request", query);
    }

    [Fact]
    public async Task A_subscription_starting_at_the_end_of_time_is_a_400()
    {
        host.Clock.AdjustTime(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var response = await world.World.RepA1.PostAsJsonAsync("/api/v1/subscriptions",
            new CreateSubscriptionRequest(world.Customer.Id, world.Basic.Id,
            DateTimeOffset.MaxValue.AddSeconds(-1), null, 1, null, null, null, null), ApiHost.JsonOptions);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request", "start 9999-12-31T23:59:59Z");
    }

    [Theory]
    [InlineData("/api/v1/month-end/entries", "period", "1999-12")]
    [InlineData("/api/v1/month-end/entries", "period", "2200-01")]
    [InlineData("/api/v1/month-end/entries", "period", "0001-01")]
    [InlineData("/api/v1/month-end/entries", "period", "9999-12")]
    [InlineData("/api/v1/month-end/report", "period", "1999-12")]
    [InlineData("/api/v1/month-end/report", "period", "2200-01")]
    [InlineData("/api/v1/invoices", "quarter", "1999-Q4")]
    [InlineData("/api/v1/invoices", "quarter", "2200-Q1")]
    [InlineData("/api/v1/invoices", "quarter", "0001-Q1")]
    [InlineData("/api/v1/invoices", "quarter", "9999-Q4")]
    [InlineData("/api/v1/dashboards/tenant", "quarter", "1999-Q4")]
    [InlineData("/api/v1/dashboards/rep", "quarter", "2200-Q1")]
    [InlineData("/api/v1/dashboards/labels", "quarter", "9999-Q4")]
    [InlineData("/api/v1/reconciliation", "from", "1999-12-31")]
    [InlineData("/api/v1/reconciliation", "to", "2200-01-01")]
    public async Task A_month_quarter_or_date_outside_the_business_range_is_a_400_naming_it_and_the_range(string path, string parameter, string value)
    {
        using var world = await TenantWorld.CreateAsync(host);
        var response = await world.Admin.GetAsync($"{path}?{parameter}={value}");
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request", $"{path}?{parameter}={value}");
        await NamesParameterAndRangeAsync(response, parameter);
    }

    private static async Task NamesParameterAndRangeAsync(HttpResponseMessage response, string parameter)
    {
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.StartsWith(parameter + " ", detail);
        Assert.Contains("between 2000-", detail);
        Assert.Contains(" and 2199-", detail);
    }

    [Theory]
    [InlineData("/api/v1/month-end/entries?period=2000-01")]
    [InlineData("/api/v1/month-end/entries?period=2199-12")]
    [InlineData("/api/v1/month-end/report?period=2000-01")]
    [InlineData("/api/v1/month-end/report?period=2199-12")]
    [InlineData("/api/v1/invoices?quarter=2000-Q1")]
    [InlineData("/api/v1/invoices?quarter=2199-Q4")]
    [InlineData("/api/v1/dashboards/tenant?quarter=2000-Q1")]
    [InlineData("/api/v1/dashboards/labels?quarter=2199-Q4")]
    [InlineData("/api/v1/reconciliation?from=2000-01-01&to=2000-01-31")]
    [InlineData("/api/v1/reconciliation?from=2199-12-01&to=2199-12-31")]
    public async Task The_first_and_last_months_quarters_and_days_of_the_range_are_taken(string query)
    {
        using var world = await TenantWorld.CreateAsync(host);
        var response = await world.Admin.GetAsync(query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("1999-12")]
    [InlineData("2200-01")]
    [InlineData("0001-01")]
    [InlineData("9999-12")]
    public async Task Enrolling_from_a_month_outside_the_range_is_a_400_and_enrolls_no_one(string firstPeriod)
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.Admin);

        var response = await world.Admin.PostAsJsonAsync("/api/v1/month-end/enrollments",
            new EnrollMonthEndRequest(customer.Id, firstPeriod), ApiHost.JsonOptions);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request", $"firstPeriod {firstPeriod}");
        await NamesParameterAndRangeAsync(response, "firstPeriod");
        var report = await TenantWorld.ReadAsync<MonthEndReportResponse>(await world.Admin.GetAsync($"/api/v1/month-end/report?period=2199-12"));
        Assert.Empty(report.PerRep);
        var later = await world.Admin.PostAsJsonAsync("/api/v1/month-end/enrollments",
            new EnrollMonthEndRequest(customer.Id, "2199-12"), ApiHost.JsonOptions);
        Assert.True(later.StatusCode == HttpStatusCode.Created, $"{(int)later.StatusCode} {await later.Content.ReadAsStringAsync()}");
        var entries = await TenantWorld.ReadAsync<Page<BillingEntryResponse>>(await world.Admin.GetAsync("/api/v1/month-end/entries"));
        Assert.Equal(["2199-12"], entries.Items.Select(e => e.Period));
    }
}
