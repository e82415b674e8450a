using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.Adapters.Tests.Stripe;

public class TokenBucketTests
{
    private readonly FixedClock clock = new(DateTimeOffset.FromUnixTimeSeconds(1_760_000_000));

    [Fact]
    public void A_full_bucket_lets_its_burst_through_without_waiting()
    {
        var bucket = new TokenBucket(25, burst: 5, clock);

        var waits = Enumerable.Range(0, 5).Select(_ => bucket.Reserve()).ToList();

        Assert.All(waits, w => Assert.Equal(TimeSpan.Zero, w));
    }

    [Fact]
    public void Overlapping_callers_are_spaced_at_the_rate_in_arrival_order()
    {
        var bucket = new TokenBucket(25, burst: 1, clock);

        var waits = Enumerable.Range(0, 4).Select(_ => bucket.Reserve()).ToList();

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(120)], waits);
    }

    [Fact]
    public void Tokens_refill_with_time_but_never_beyond_the_burst()
    {
        var bucket = new TokenBucket(10, burst: 3, clock);
        for (var i = 0; i < 3; i++)
        {
            bucket.Reserve();
        }

        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve());

        clock.Advance(TimeSpan.FromHours(1));
        var afterIdle = Enumerable.Range(0, 4).Select(_ => bucket.Reserve()).ToList();
        Assert.Equal(3, afterIdle.Count(w => w == TimeSpan.Zero));
    }

    [Fact]
    public void A_returned_reservation_frees_its_slot()
    {
        var bucket = new TokenBucket(1, burst: 1, clock);
        bucket.Reserve();
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.Reserve());

        bucket.Return();

        Assert.Equal(TimeSpan.FromSeconds(1), bucket.Reserve());
    }
}
