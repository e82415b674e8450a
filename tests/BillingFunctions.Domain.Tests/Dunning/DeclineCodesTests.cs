using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.Domain.Tests.Dunning;

public class DeclineCodesTests
{
    [Theory]
    [InlineData("lost_card")]
    [InlineData("stolen_card")]
    [InlineData("pickup_card")]
    [InlineData("fraudulent")]
    [InlineData("expired_card")]
    [InlineData("incorrect_number")]
    [InlineData("invalid_account")]
    [InlineData("restricted_card")]
    [InlineData("revocation_of_all_authorizations")]
    [InlineData("authentication_required")]
    [InlineData("LOST_CARD")]
    public void Codes_the_issuer_will_never_approve_are_hard(string code) =>
        Assert.Equal(DeclineKind.Hard, DeclineCodes.Classify(code));

    [Theory]
    [InlineData("insufficient_funds")]
    [InlineData("generic_decline")]
    [InlineData("do_not_honor")]
    [InlineData("processing_error")]
    [InlineData("try_again_later")]
    [InlineData("some_code_stripe_adds_next_year")]
    [InlineData(null)]
    public void Temporary_generic_and_unknown_codes_are_soft(string? code) =>
        Assert.Equal(DeclineKind.Soft, DeclineCodes.Classify(code));

    [Fact]
    public void A_policy_refuses_non_positive_delays() =>
        Assert.Throws<ArgumentException>(() => new DunningPolicy([TimeSpan.FromDays(1), TimeSpan.Zero], SubscriptionOnExhaustion.Pause));

    [Fact]
    public void The_default_schedule_spans_two_weeks_in_four_retries()
    {
        Assert.Equal(4, DunningPolicy.Default.RetryDelays.Count);
        Assert.Equal(TimeSpan.FromDays(14), DunningPolicy.Default.Window);
    }
}
