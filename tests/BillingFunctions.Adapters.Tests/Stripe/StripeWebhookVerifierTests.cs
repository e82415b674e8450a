using System.Security.Cryptography;
using System.Text;
using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.Adapters.Tests.Stripe;

public class StripeWebhookVerifierTests
{
    private const string Secret = "whsec_current";
    private const string OldSecret = "whsec_previous";
    private const string Body = """{"id":"evt_1","object":"event","type":"invoice.paid"}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);

    private readonly StripeWebhookVerifier verifier = new(new FixedClock(Now));

    private static string Sign(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    private static string Header(long timestamp, params string[] v1) =>
        string.Join(",", new[] { $"t={timestamp}" }.Concat(v1.Select(s => $"v1={s}")));

    [Fact]
    public void A_correctly_signed_delivery_is_accepted_with_its_timestamp()
    {
        var t = Now.ToUnixTimeSeconds();

        var result = verifier.Verify(Body, Header(t, Sign(Secret, t, Body)), [Secret]);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(Now, result.SignedAt);
    }

    [Fact]
    public void Any_matching_v1_signature_is_enough_and_v0_is_ignored()
    {
        var t = Now.ToUnixTimeSeconds();
        var header = $"t={t},v1={Sign("whsec_other", t, Body)},v1={Sign(Secret, t, Body)},v0={Sign("x", t, Body)}";

        Assert.True(verifier.Verify(Body, header, [Secret]).IsValid);
    }

    [Fact]
    public void During_rotation_a_delivery_signed_with_the_previous_secret_is_accepted()
    {
        var t = Now.ToUnixTimeSeconds();

        var result = verifier.Verify(Body, Header(t, Sign(OldSecret, t, Body)), [Secret, OldSecret]);

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void A_tampered_body_is_rejected()
    {
        var t = Now.ToUnixTimeSeconds();
        var tampered = Body.Replace("invoice.paid", "invoice.voided");

        var result = verifier.Verify(tampered, Header(t, Sign(Secret, t, Body)), [Secret]);

        Assert.Equal(WebhookRejection.NoMatchingSignature, result.Rejection);
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_rejected()
    {
        var t = Now.ToUnixTimeSeconds();

        var result = verifier.Verify(Body, Header(t, Sign("whsec_attacker", t, Body)), [Secret, OldSecret]);

        Assert.Equal(WebhookRejection.NoMatchingSignature, result.Rejection);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void A_changed_timestamp_breaks_the_signature()
    {
        var t = Now.ToUnixTimeSeconds();

        var result = verifier.Verify(Body, Header(t + 1, Sign(Secret, t, Body)), [Secret]);

        Assert.Equal(WebhookRejection.NoMatchingSignature, result.Rejection);
    }

    [Theory]
    [InlineData(-301, WebhookRejection.TimestampOutsideTolerance)]
    [InlineData(-300, WebhookRejection.None)]
    [InlineData(300, WebhookRejection.None)]
    [InlineData(301, WebhookRejection.TimestampOutsideTolerance)]
    public void Timestamps_more_than_five_minutes_from_now_are_rejected(int offsetSeconds, WebhookRejection expected)
    {
        var t = Now.ToUnixTimeSeconds() + offsetSeconds;

        var result = verifier.Verify(Body, Header(t, Sign(Secret, t, Body)), [Secret]);

        Assert.Equal(expected, result.Rejection);
    }

    [Fact]
    public void The_tolerance_can_be_widened()
    {
        var t = Now.ToUnixTimeSeconds() - 3600;
        var lenient = new StripeWebhookVerifier(new FixedClock(Now), TimeSpan.FromHours(2));

        Assert.True(lenient.Verify(Body, Header(t, Sign(Secret, t, Body)), [Secret]).IsValid);
        Assert.Equal(WebhookRejection.TimestampOutsideTolerance, verifier.Verify(Body, Header(t, Sign(Secret, t, Body)), [Secret]).Rejection);
    }

    [Theory]
    [InlineData(null, WebhookRejection.MissingHeader)]
    [InlineData("", WebhookRejection.MissingHeader)]
    [InlineData("v1=abcdef", WebhookRejection.MalformedHeader)]
    [InlineData("t=soon,v1=abcdef", WebhookRejection.MalformedHeader)]
    [InlineData("t=-5,v1=abcdef", WebhookRejection.MalformedHeader)]
    [InlineData("t=1760000000,garbage", WebhookRejection.MalformedHeader)]
    [InlineData("t=1760000000,t=1760000001,v1=abcdef", WebhookRejection.MalformedHeader)]
    [InlineData("t=1760000000", WebhookRejection.NoV1Signature)]
    [InlineData("t=1760000000,v0=abcdef", WebhookRejection.NoV1Signature)]
    [InlineData("t=1760000000,v1=not-hex", WebhookRejection.NoMatchingSignature)]
    public void Unusable_headers_are_rejected_with_a_reason(string? header, WebhookRejection expected)
    {
        var result = verifier.Verify(Body, header, [Secret]);

        Assert.Equal(expected, result.Rejection);
        Assert.DoesNotContain(Secret, result.Reason);
    }

    [Fact]
    public void The_body_is_verified_byte_for_byte_not_as_reformatted_json()
    {
        var t = Now.ToUnixTimeSeconds();
        var pretty = "{\n  \"id\": \"evt_1\"\n}";
        var header = Header(t, Sign(Secret, t, pretty));

        Assert.True(verifier.Verify(Encoding.UTF8.GetBytes(pretty), header, [Secret]).IsValid);
        Assert.False(verifier.Verify(Encoding.UTF8.GetBytes("{\"id\":\"evt_1\"}"), header, [Secret]).IsValid);
    }
}
