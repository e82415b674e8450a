using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;
using static BillingFunctions.Domain.Tests.Subscriptions.SubscriptionFixtures;

namespace BillingFunctions.Domain.Tests.Subscriptions;

/// <summary>Properties over seeded random plans, anchors and change times (a failure prints the inputs).</summary>
public class ProrationPropertyTests
{
    [Fact]
    public void Changing_to_the_same_amount_nets_zero_and_never_credits_more_than_was_billed()
    {
        var random = new Random(6);
        for (var i = 0; i < 5000; i++)
        {
            var schedule = BillingSchedule.AnchoredAt(Utc(2024, 1, 1).AddSeconds(random.NextInt64(0, 10L * 365 * 86400)), random.Next(1, 13));
            var period = schedule.PeriodContaining(Utc(2030, 6, 1).AddSeconds(random.NextInt64(0, 86400L * 365)));
            var at = period.Start.AddSeconds(random.NextInt64(0, (long)period.Length.TotalSeconds));
            var amount = new Money(random.NextInt64(0, 10_000_000), Currency.Usd);

            var lines = Proration.ForChange("old", amount, "new", amount, period, at);

            Assert.True(lines.Sum(l => l.Amount.Minor) == 0, $"{amount} over {period} at {at:O}");
            Assert.InRange(-lines[0].Amount.Minor, 0, amount.Minor);
        }
    }

    [Fact]
    public void Remaining_share_shrinks_as_the_period_runs_and_starts_at_the_full_amount()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var period = BillingSchedule.AnchoredAt(Utc(2027, 1, 31), random.Next(1, 13))
                .PeriodContaining(Utc(2028, 2, 29).AddDays(random.Next(0, 800)));
            var amount = new Money(random.NextInt64(1, 1_000_000), Currency.Eur);
            var seconds = (long)period.Length.TotalSeconds;
            var earlier = period.Start.AddSeconds(random.NextInt64(0, seconds));
            var later = earlier.AddSeconds(random.NextInt64(0, (long)(period.End - earlier).TotalSeconds));

            Assert.Equal(amount, Proration.Remaining(amount, period, period.Start));
            Assert.True(Proration.Remaining(amount, period, later).Minor <= Proration.Remaining(amount, period, earlier).Minor,
                $"{amount} over {period}: {later:O} should leave no more than {earlier:O}");
        }
    }

    [Fact]
    public void Renewals_cover_time_without_gaps_or_overlaps_whatever_changes_happen()
    {
        var random = new Random(8);
        var plans = new[] { MonthlyPlan("Basic", 1000), MonthlyPlan("Pro", 3000), MonthlyPlan("Max", 6000) };
        for (var run = 0; run < 200; run++)
        {
            var start = Utc(2027, 1, 1).AddDays(random.Next(0, 730)).AddHours(random.Next(0, 24));
            var subscription = SubscribeAndBill(plans[random.Next(3)], start, anchorDay: random.Next(1, 32));
            var covered = subscription.CurrentPeriod;
            for (var period = 0; period < 15; period++)
            {
                var at = subscription.CurrentPeriod.Start.AddSeconds(random.NextInt64(0, (long)subscription.CurrentPeriod.Length.TotalSeconds));
                if (random.Next(2) == 0) subscription.ChangeNow(plans[random.Next(3)], random.Next(1, 5), at);
                else subscription.ChangeAtPeriodEnd(plans[random.Next(3)], random.Next(1, 5), at);

                var invoice = subscription.Renew(subscription.NextRenewalAt!.Value).Value;

                Assert.Equal(covered.End, invoice.Period.Start);
                covered = invoice.Period;
            }
        }
    }
}
