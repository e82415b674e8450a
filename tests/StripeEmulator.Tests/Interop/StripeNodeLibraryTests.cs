using System.Diagnostics;
using System.Text.Json.Nodes;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.Interop;

/// <summary>
/// The official Stripe Node library (node_modules/stripe) runs a whole billing flow against the
/// emulator and verifies its webhook deliveries with <c>stripe.webhooks.constructEvent</c>.
/// </summary>
public sealed class StripeNodeLibraryTests : EmulatorTest
{
    protected override EmulatorOptions Options => new() { RateLimitPerSecond = null };

    [Fact]
    public async Task The_official_node_library_runs_a_billing_flow_and_accepts_the_signed_webhooks()
    {
        var result = await RunScriptAsync("emulator-flow.mjs");

        var flow = result["flow"]!;
        Assert.Equal(flow["customerId"]!.ToString(), flow["cardCustomer"]!.ToString());
        Assert.Equal(flow["cardId"]!.ToString(), flow["defaultPaymentMethod"]!.ToString());
        Assert.Equal(("draft", 2000), (flow["draftStatus"]!.ToString(), (int)flow["draftTotal"]!));
        Assert.Equal("open", flow["openStatus"]!.ToString());
        Assert.False(string.IsNullOrEmpty(flow["openNumber"]?.ToString()));
        Assert.Equal(("paid", 2000, "succeeded", "succeeded"),
            (flow["paidStatus"]!.ToString(), (int)flow["amountPaid"]!, flow["paymentIntentStatus"]!.ToString(),
                flow["retrievedIntentStatus"]!.ToString()));
        Assert.Empty(flow["staleInvoiceFields"]!.AsArray());
        Assert.Equal([flow["paidInvoiceId"]!.ToString()], flow["listedIds"]!.AsArray().Select(i => i!.ToString()));
        Assert.True((bool)flow["idempotentSameId"]!);
        Assert.Equal(("succeeded", "succeeded"), (flow["refundStatus"]!.ToString(), flow["setupStatus"]!.ToString()));

        var declined = result["declined"]!;
        Assert.Equal(("StripeCardError", 402, "card_declined", "generic_decline"),
            (declined["type"]!.ToString(), (int)declined["statusCode"]!, declined["code"]!.ToString(), declined["declineCode"]!.ToString()));
        Assert.Equal("insufficient_funds", result["attachDeclined"]!["declineCode"]!.ToString());
        var afterDecline = result["afterDecline"]!;
        Assert.Equal(("open", 1, "open"), (afterDecline["status"]!.ToString(), (int)afterDecline["attemptCount"]!,
            afterDecline["paymentStatus"]!.ToString()));
        Assert.Equal(("card_declined", "generic_decline", "Your card was declined."),
            (afterDecline["lastPaymentError"]!["code"]!.ToString(), afterDecline["lastPaymentError"]!["declineCode"]!.ToString(),
                afterDecline["lastPaymentError"]!["message"]!.ToString()));
        Assert.Equal("void", result["voidedStatus"]!.ToString());

        var deliveries = result["deliveries"]!.AsArray();
        Assert.Equal((int)result["eventCount"]!, deliveries.Count);
        Assert.All(deliveries, d => Assert.True((bool)d!["verified"]!, $"constructEvent rejected a delivery: {d!["error"]}"));
        Assert.All(deliveries, d => Assert.False((bool)d!["tamperedAccepted"]!));
        Assert.All(deliveries, d => Assert.False((bool)d!["wrongSecretAccepted"]!));
        Assert.All(deliveries, d => Assert.Equal("2026-10-28.endive", d!["apiVersion"]!.ToString()));
        Assert.Contains(deliveries, d => d!["type"]!.ToString() == "invoice.payment_failed");
        Assert.Contains(deliveries, d => d!["type"]!.ToString() == "invoice.paid");
    }

    private async Task<JsonNode> RunScriptAsync(string script)
    {
        var root = RepositoryRoot.Find();
        var path = Path.Combine(root, "tests", "interop", "stripe", script);
        if (!Directory.Exists(Path.Combine(root, "node_modules", "stripe")))
            throw new InvalidOperationException($"The stripe npm package is missing under {root}/node_modules; run npm ci at the repository root.");
        var start = new ProcessStartInfo("node", [path])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["EMULATOR_URL"] = Emulator.BaseUrl.ToString() },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start; is Node.js on PATH?");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish: {await stderr}");
        }
        Assert.True(process.ExitCode == 0, $"{script} exited with {process.ExitCode}: {await stderr}");
        return JsonNode.Parse(await stdout) ?? throw new InvalidOperationException($"{script} printed nothing");
    }
}
