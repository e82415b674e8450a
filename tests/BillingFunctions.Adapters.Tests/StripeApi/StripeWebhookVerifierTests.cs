using System.Security.Cryptography;
using System.Text;
using BillingFunctions.Adapters.StripeApi;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.Adapters.Tests.StripeApi;

public class StripeWebhookVerifierTests
{
    private const string Secret = "whsec_current";
    private const string OldSecret = "whsec_previous";
    private const string Body = """{"id":"evt_1","object":"event","api_version":"2026-10-28.endive","created":"""
        + """1760000000,"type":"invoice.paid","data":{"object":{"id":"in_1","object":"invoice","amount_paid":4200}}}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);

    private readonly StripeWebhookVerifier _verifier = new(new FakeTimeProvider(Now));

    private static string Sign(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    private static string Header(long timestamp, params string[] v1) =>
        string.Join(",", new[] { $"t={timestamp}" }.Concat(v1.Select(s => $"v1={s}")));

    [Fact]
    public void A_correctly_signed_delivery_is_accepted_as_the_typed_event()
    {
        var t = Now.ToUnixTimeSeconds();

        var result = _verifier.Verify(Body, Header(t, Sign(Secret, t, Body)), [Secret]);

        Assert.True(result.SignatureValid, result.Reason);
        Assert.Equal("evt_1", result.Event?.Id);
        Assert.Equal("invoice.paid", result.Event?.Type);
        Assert.Equal(4200, Assert.IsType<Stripe.Invoice>(result.Event?.Data.Object).AmountPaid);
    }

    [Fact]
    public void Any_matching_v1_signature_is_enough_and_v0_is_ignored()
    {
        var t = Now.ToUnixTimeSeconds();
        var header = $"t={t},v1={Sign("whsec_other", t, Body)},v1={Sign(Secret, t, Body)},v0={Sign("x", t, Body)}";

        Assert.NotNull(_verifier.Verify(Body, header, [Secret]).Event);
    }

    [Fact]
    public void During_rotation_a_delivery_signed_with_either_active_secret_is_accepted()
    {
        var t = Now.ToUnixTimeSeconds();

        Assert.NotNull(_verifier.Verify(Body, Header(t, Sign(OldSecret, t, Body)), [Secret, OldSecret]).Event);
        Assert.NotNull(_verifier.Verify(Body, Header(t, Sign(Secret, t, Body)), [Secret, OldSecret]).Event);
        Assert.False(_verifier.Verify(Body, Header(t, Sign(OldSecret, t, Body)), [Secret]).SignatureValid);
    }

    [Fact]
    public void A_tampered_body_is_rejected()
    {
        var t = Now.ToUnixTimeSeconds();
        var tampered = Body.Replace("4200", "42", StringComparison.Ordinal);

        var result = _verifier.Verify(tampered, Header(t, Sign(Secret, t, Body)), [Secret]);

        Assert.False(result.SignatureValid);
        Assert.Null(result.Event);
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_rejected()
    {
        var t = Now.ToUnixTimeSeconds();

        var result = _verifier.Verify(Body, Header(t, Sign("whsec_attacker", t, Body)), [Secret, OldSecret]);

        Assert.False(result.SignatureValid);
        Assert.DoesNotContain(Secret, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_timestamp_breaks_the_signature()
    {
        var t = Now.ToUnixTimeSeconds();

        Assert.False(_verifier.Verify(Body, Header(t + 1, Sign(Secret, t, Body)), [Secret]).SignatureValid);
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void Timestamps_more_than_five_minutes_from_now_are_rejected(int offsetSeconds, bool accepted)
    {
        var t = Now.ToUnixTimeSeconds() + offsetSeconds;

        var result = _verifier.Verify(Body, Header(t, Sign(Secret, t, Body)), [Secret]);

        Assert.Equal(accepted, result.SignatureValid);
        if (!accepted) Assert.Contains("tolerance", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tolerance_follows_the_clock_it_is_given()
    {
        var t = Now.ToUnixTimeSeconds();
        var clock = new FakeTimeProvider(Now);
        var later = new StripeWebhookVerifier(clock);
        var header = Header(t, Sign(Secret, t, Body));

        Assert.True(later.Verify(Body, header, [Secret]).SignatureValid);
        clock.Advance(TimeSpan.FromSeconds(301));
        Assert.False(later.Verify(Body, header, [Secret]).SignatureValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abcdef")]
    [InlineData("t=soon,v1=abcdef")]
    [InlineData("t=-5,v1=abcdef")]
    [InlineData("t=1760000000,garbage")]
    [InlineData("t=99999999999999999999,v1=abcdef")]
    [InlineData("t=1760000000")]
    [InlineData("t=1760000000,v0=abcdef")]
    [InlineData("t=1760000000,v1=not-hex")]
    public void Unusable_headers_are_rejected_with_a_reason(string? header)
    {
        var result = _verifier.Verify(Body, header, [Secret]);

        Assert.False(result.SignatureValid);
        Assert.False(string.IsNullOrEmpty(result.Reason));
        Assert.DoesNotContain(Secret, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_body_is_verified_character_for_character_not_as_reformatted_json()
    {
        var t = Now.ToUnixTimeSeconds();
        var pretty = Body.Replace(",", ",\n  ", StringComparison.Ordinal);
        var header = Header(t, Sign(Secret, t, pretty));

        Assert.NotNull(_verifier.Verify(pretty, header, [Secret]).Event);
        Assert.False(_verifier.Verify(Body, header, [Secret]).SignatureValid);
    }

    [Fact]
    public void A_signed_event_of_another_api_release_is_refused_as_one_we_do_not_read()
    {
        var t = Now.ToUnixTimeSeconds();
        var old = Body.Replace("2026-10-28.endive", "2023-08-16", StringComparison.Ordinal);

        var result = _verifier.Verify(old, Header(t, Sign(Secret, t, old)), [Secret]);

        Assert.True(result.SignatureValid);
        Assert.Null(result.Event);
        Assert.Contains("2023-08-16", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void A_signed_body_that_is_not_an_event_is_refused_as_such(string body)
    {
        var t = Now.ToUnixTimeSeconds();

        var result = _verifier.Verify(body, Header(t, Sign(Secret, t, body)), [Secret]);

        Assert.True(result.SignatureValid);
        Assert.Null(result.Event);
    }
}
