using System.Text.Json;
using BillingFunctions.Adapters.StripeApi;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.Adapters.Tests.StripeApi;

/// <summary>Our verifier against headers made by the official stripe npm package's test-header generator.</summary>
public class NodeWebhookSignatureInteropTests
{
    private const string Secret = "whsec_interop_current";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);

    private static readonly string Payload = JsonSerializer.Serialize(new
    {
        id = "evt_interop",
        @object = "event",
        api_version = "2026-10-28.endive",
        created = 1_760_000_000,
        type = "invoice.paid",
        data = new { @object = new { id = "in_1", @object = "invoice", amount_paid = 4200, description = "Grüße, \"quoted\"\n" } },
    });

    private readonly StripeWebhookVerifier _verifier = new(new FakeTimeProvider(Now));

    private static async Task<string[]> NodeHeadersAsync(params (string Payload, string Secret, long Timestamp)[] requests)
    {
        var input = JsonSerializer.Serialize(requests.Select(r => new { payload = r.Payload, secret = r.Secret, timestamp = r.Timestamp }));
        var output = await NodeScript.RunAsync("tests/interop/stripe/webhook-test-headers.mjs", input);
        return JsonSerializer.Deserialize<string[]>(output)!;
    }

    [Fact]
    public async Task Headers_from_the_stripe_node_library_are_accepted()
    {
        var t = Now.ToUnixTimeSeconds();
        var headers = await NodeHeadersAsync((Payload, Secret, t), (Payload, Secret, t - 299), ("{}", Secret, t));

        Assert.Equal("evt_interop", _verifier.Verify(Payload, headers[0], [Secret]).Event?.Id);
        Assert.NotNull(_verifier.Verify(Payload, headers[1], [Secret]).Event);
        Assert.True(_verifier.Verify("{}", headers[2], [Secret]).SignatureValid);
    }

    [Fact]
    public async Task A_node_header_for_the_old_secret_is_accepted_while_both_secrets_are_active()
    {
        var headers = await NodeHeadersAsync((Payload, "whsec_interop_old", Now.ToUnixTimeSeconds()));

        Assert.NotNull(_verifier.Verify(Payload, headers[0], [Secret, "whsec_interop_old"]).Event);
        Assert.False(_verifier.Verify(Payload, headers[0], [Secret]).SignatureValid);
    }

    [Fact]
    public async Task Node_headers_are_rejected_for_tampered_bodies_wrong_secrets_and_stale_timestamps()
    {
        var t = Now.ToUnixTimeSeconds();
        var headers = await NodeHeadersAsync((Payload, Secret, t), (Payload, "whsec_someone_else", t), (Payload, Secret, t - 301));

        Assert.False(_verifier.Verify(Payload.Replace("4200", "42"), headers[0], [Secret]).SignatureValid);
        Assert.False(_verifier.Verify(Payload, headers[1], [Secret]).SignatureValid);
        var stale = _verifier.Verify(Payload, headers[2], [Secret]);
        Assert.False(stale.SignatureValid);
        Assert.Contains("tolerance", stale.Reason, StringComparison.Ordinal);
    }
}
