using System.Net;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.Faults;

public sealed class FaultAndRateLimitTests : EmulatorTest
{
    [Theory]
    [InlineData(500, "api_error")]
    [InlineData(429, "invalid_request_error")]
    public async Task Injected_faults_fail_the_next_requests_before_any_change(int status, string type)
    {
        await Stripe.ControlAsync("/_emulator/faults", new { status, count = 2, path_prefix = "/v1/customers" });

        var first = await Stripe.PostAsync("/v1/customers", ("email", "a@example.com"));
        var second = await Stripe.PostAsync("/v1/customers", ("email", "a@example.com"));
        var third = await Stripe.PostAsync("/v1/customers", ("email", "a@example.com"));

        Assert.Equal((HttpStatusCode)status, first.Status);
        Assert.Equal(type, first.Error["type"]!.ToString());
        Assert.Equal((HttpStatusCode)status, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Single((await Stripe.GetAsync("/v1/customers")).Json["data"]!.AsArray());
    }

    [Fact]
    public async Task Faults_only_hit_requests_under_their_path_prefix()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var invoice = await Stripe.OpenInvoiceAsync(customer);
        await Stripe.ControlAsync("/_emulator/faults", new { status = 500, count = 1, path_prefix = $"/v1/invoices/{invoice}/pay" });

        var unaffected = await Stripe.GetAsync($"/v1/invoices/{invoice}");
        var failed = await Stripe.PostIdempotentAsync($"/v1/invoices/{invoice}/pay", "pay-once");
        var retried = await Stripe.PostIdempotentAsync($"/v1/invoices/{invoice}/pay", "pay-once");

        Assert.Equal(HttpStatusCode.OK, unaffected.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal("paid", retried.EnsureOk()["status"]);
        Assert.Single((await Stripe.ControlGetAsync($"/_emulator/charges?invoice={invoice}"))["data"]!.AsArray());
    }

    [Fact]
    public async Task A_hang_fault_never_answers_until_the_client_gives_up()
    {
        await Stripe.ControlAsync("/_emulator/faults", new { status = 0, count = 1 });
        using var impatient = new HttpClient { BaseAddress = Emulator.BaseUrl, Timeout = TimeSpan.FromMilliseconds(300) };
        impatient.DefaultRequestHeaders.Authorization = new("Bearer", "sk_test_x");

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync("v1/customers"));
        Assert.Equal(HttpStatusCode.OK, (await Stripe.GetAsync("/v1/customers")).Status);
    }

    [Fact]
    public async Task Stopping_the_emulator_releases_a_hung_request()
    {
        var emulator = await RunningEmulator.StartAsync(new EmulatorOptions());
        using var client = new EmulatorClient(emulator.BaseUrl);
        await client.ControlAsync("/_emulator/faults", new { status = 0, count = 1 });
        var hung = client.GetAsync("/v1/customers");

        await emulator.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => hung.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Requests_over_the_rate_limit_get_stripes_429()
    {
        await Stripe.ControlAsync("/_emulator/rate_limit", new { per_second = 3 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add((await Stripe.GetAsync("/v1/customers")).Status);
        var limited = Stripe.Responses.Last();

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal("rate_limit", limited.Error["code"]!.ToString());
        await Stripe.ControlAsync("/_emulator/rate_limit", new { per_second = (int?)null });
        Assert.Equal(HttpStatusCode.OK, (await Stripe.GetAsync("/v1/customers")).Status);
    }

    [Fact]
    public async Task Missing_api_key_unknown_parameters_and_unknown_urls_are_refused_like_stripe()
    {
        using var anonymous = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var noKey = await anonymous.GetAsync("v1/customers");
        var unknownParam = await Stripe.PostAsync("/v1/customers", ("emali", "typo@example.com"));
        var unknownUrl = await Stripe.GetAsync("/v1/subscriptions");
        var missing = await Stripe.PostAsync("/v1/invoiceitems", ("amount", "100"));

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownParam.Status);
        Assert.Equal(("parameter_unknown", "emali"), (unknownParam.Error["code"]!.ToString(), unknownParam.Error["param"]!.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, unknownUrl.Status);
        Assert.Equal(("parameter_missing", "customer"), (missing.Error["code"]!.ToString(), missing.Error["param"]!.ToString()));
    }

    [Fact]
    public async Task The_request_log_shows_what_clients_sent()
    {
        var customer = await Stripe.CustomerAsync(("metadata[tenant]", "t1"), ("expand[0]", "invoice_settings.default_payment_method"));
        var log = await Stripe.ControlGetAsync("/_emulator/requests?path_prefix=/v1/customers");

        var entry = log["data"]!.AsArray().Single()!;
        Assert.Equal(("POST", "/v1/customers", "200"), (entry["method"]!.ToString(), entry["path"]!.ToString(), entry["status"]!.ToString()));
        var names = entry["params"]!.AsArray().Select(p => p![0]!.ToString()).ToList();
        Assert.Equal(["metadata[tenant]", "expand[0]"], names);
        Assert.StartsWith("cus_", customer);
    }
}
