using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tests.Subscriptions;

namespace BillingFunctions.App.Tests.Api;

/// <summary>Dates at the ends of the calendar are a 400 naming the accepted range, not an overflow.</summary>
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
        host.Clock.Set(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var response = await world.World.RepA1.PostAsJsonAsync("/api/v1/subscriptions", new CreateSubscriptionRequest(world.Customer.Id, world.Basic.Id,
            DateTimeOffset.MaxValue.AddSeconds(-1), null, 1, null, null, null, null), ApiHost.JsonOptions);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request", "start 9999-12-31T23:59:59Z");
    }
}
