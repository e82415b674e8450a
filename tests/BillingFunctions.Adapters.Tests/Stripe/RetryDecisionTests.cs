using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.Adapters.Tests.Stripe;

public class RetryDecisionTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(1, 500, 500)]
    [InlineData(2, 500, 1000)]
    [InlineData(3, 1000, 2000)]
    [InlineData(4, 2000, 4000)]
    [InlineData(6, 2500, 5000)]
    public void Backoff_doubles_per_retry_with_jitter_in_the_upper_half_and_stops_at_the_cap(int retry, int lowestMs, int highestMs)
    {
        var lowest = RetryDecision.Delay(retry, Initial, Max, null, random: 0);
        var highest = RetryDecision.Delay(retry, Initial, Max, null, random: 0.999999);

        Assert.Equal(lowestMs, lowest.TotalMilliseconds, 0);
        Assert.Equal(highestMs, highest.TotalMilliseconds, 0);
    }

    [Fact]
    public void A_longer_retry_after_from_the_server_wins_but_never_beyond_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), RetryDecision.Delay(1, Initial, Max, TimeSpan.FromSeconds(3), random: 0));
        Assert.Equal(Max, RetryDecision.Delay(1, Initial, Max, TimeSpan.FromMinutes(2), random: 0));
        Assert.Equal(Initial, RetryDecision.Delay(1, Initial, Max, TimeSpan.FromMilliseconds(1), random: 0));
    }
}
