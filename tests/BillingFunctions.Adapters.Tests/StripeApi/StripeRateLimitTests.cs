using BillingFunctions.Adapters.StripeApi;
using Stripe;

namespace BillingFunctions.Adapters.Tests.StripeApi;

/// <summary>The per-account pacing under Stripe.net against an emulator that enforces its limit.</summary>
public class StripeRateLimitTests(RateLimitedEmulatorFixture emulator) : IClassFixture<RateLimitedEmulatorFixture>
{
    private const int Requests = 3 * RateLimitedEmulatorFixture.EmulatorLimit;

    private static async Task<int> RateLimitedCountAsync(StripeAccount client)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async _ =>
        {
            try
            {
                await client.V1.Customers.ListAsync(new CustomerListOptions { Limit = 1 }, client.Read());
                return 0;
            }
            catch (StripeException e) when (e.HttpStatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                return 1;
            }
        }));
        return results.Sum();
    }

    [Fact]
    public async Task Bulk_work_paced_per_account_stays_under_the_accounts_limit()
    {
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // let the emulator's one-second window forget other tests
        // Half the limit: the handler spaces its sends, but the emulator counts arrivals, which a loaded machine can
        // bunch together; the margin keeps that jitter from reading as a limiter fault.
        var paced = emulator.Client(maxRetries: 0, rateLimitPerSecond: RateLimitedEmulatorFixture.EmulatorLimit * 0.5);

        Assert.Equal(0, await RateLimitedCountAsync(paced));
    }

    [Fact]
    public async Task The_same_bulk_work_without_the_pacing_is_rate_limited()
    {
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var unpaced = emulator.Client(maxRetries: 0, rateLimitPerSecond: null);

        Assert.True(await RateLimitedCountAsync(unpaced) > 0);
    }
}
