using System.Text.Json;
using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.Adapters.Tests.Stripe;

/// <summary>Retries against faults the emulator injects: a retry must never become a second charge.</summary>
public class StripeClientFaultTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly StripeClient client = emulator.Stripe;

    private async Task<IReadOnlyList<JsonElement>> ChargesForAsync(string invoiceId) =>
        await emulator.ChargesForInvoiceAsync(invoiceId);

    private async Task<IReadOnlyList<JsonElement>> LoggedRequestsAsync(string path) =>
        [.. (await emulator.RequestLogAsync()).Where(r => r.GetProperty("path").GetString() == path)];

    [Fact]
    public async Task A_500_on_pay_is_retried_with_the_same_key_and_charges_exactly_once()
    {
        var steps = new BillingSteps(client);
        var customer = await steps.CustomerWithCardAsync("pm_card_visa");
        var open = await steps.OpenInvoiceAsync(customer.Id, 4200);
        await emulator.InjectFaultAsync(500, 1, $"/v1/invoices/{open.Id}/pay");

        var paid = await client.Invoices.PayAsync(open.Id, new InvoicePayRequest(), steps.Key("pay"));

        Assert.Equal("paid", paid.Status);
        Assert.Equal(1, paid.AttemptCount);
        var attempts = await LoggedRequestsAsync($"/v1/invoices/{open.Id}/pay");
        Assert.Equal([500, 200], attempts.Select(a => a.GetProperty("status").GetInt32()));
        Assert.All(attempts, a => Assert.Equal(steps.Key("pay"), a.GetProperty("idempotency_key").GetString()));
        var charge = Assert.Single(await ChargesForAsync(open.Id));
        Assert.Equal(paid.Charge, charge.GetProperty("id").GetString());
        Assert.Equal(4200, charge.GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task Repeating_a_pay_step_whose_answer_was_lost_replays_it_without_charging_again()
    {
        var steps = new BillingSteps(client);
        var customer = await steps.CustomerWithCardAsync("pm_card_visa");
        var open = await steps.OpenInvoiceAsync(customer.Id, 1500);

        var first = await client.Invoices.PayAsync(open.Id, new InvoicePayRequest(), steps.Key("pay"));
        var again = await client.Invoices.PayAsync(open.Id, new InvoicePayRequest(), steps.Key("pay"));

        Assert.Equal(first.Charge, again.Charge);
        Assert.Equal(1, (await client.Invoices.RetrieveAsync(open.Id)).AttemptCount);
        Assert.Single(await ChargesForAsync(open.Id));
    }

    [Fact]
    public async Task Rate_limited_answers_are_retried_until_they_get_through()
    {
        var steps = new BillingSteps(client);
        await emulator.InjectFaultAsync(429, 2, "/v1/customers");

        var customer = await client.Customers.CreateAsync(new CustomerCreateRequest { Email = $"{steps.Run}@example.com" }, steps.Key("customer"));

        var attempts = (await LoggedRequestsAsync("/v1/customers"))
            .Where(r => r.GetProperty("idempotency_key").GetString() == steps.Key("customer")).ToList();
        Assert.Equal([429, 429, 200], attempts.Select(a => a.GetProperty("status").GetInt32()));
        Assert.Equal(customer.Id, (await client.Customers.RetrieveAsync(customer.Id)).Id);
    }

    [Fact]
    public async Task When_rate_limiting_outlasts_the_retries_a_rate_limit_exception_is_thrown()
    {
        var steps = new BillingSteps(client);
        await emulator.InjectFaultAsync(429, 2, "/v1/setup_intents");

        var error = await Assert.ThrowsAsync<RateLimitException>(() => emulator.Client(maxRetries: 1).SetupIntents.CreateAsync(
            new SetupIntentCreateRequest(), steps.Key("setup")));

        Assert.Equal("rate_limit", error.Code);
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.HttpStatus);
    }

    [Fact]
    public async Task A_lock_timeout_conflict_is_retried()
    {
        var steps = new BillingSteps(client);
        var customer = await client.Customers.CreateAsync(new CustomerCreateRequest { Email = $"{steps.Run}@example.com" }, steps.Key("customer"));
        await emulator.InjectFaultAsync(409, 1, $"/v1/customers/{customer.Id}");

        var updated = await client.Customers.UpdateAsync(customer.Id, new CustomerUpdateRequest { Name = "Renamed" }, steps.Key("rename"));

        Assert.Equal("Renamed", updated.Name);
    }

    [Fact]
    public async Task A_hung_request_times_out_and_the_retry_completes_it()
    {
        var steps = new BillingSteps(client);
        var impatient = new StripeClient(new HttpClient(), new StripeClientOptions
        {
            ApiKey = "sk_test_adapters",
            BaseUrl = emulator.BaseUrl,
            RequestTimeout = TimeSpan.FromMilliseconds(500),
            InitialRetryDelay = TimeSpan.FromMilliseconds(10),
        });
        await emulator.InjectFaultAsync(0, 1, "/v1/billing_portal/sessions");
        var customer = await client.Customers.CreateAsync(new CustomerCreateRequest { Email = $"{steps.Run}@example.com" }, steps.Key("customer"));

        var session = await impatient.BillingPortalSessions.CreateAsync(
            new BillingPortalSessionCreateRequest { Customer = customer.Id, ReturnUrl = "https://crm.example.com/back" }, steps.Key("portal"));

        Assert.Equal(customer.Id, session.Customer);
        Assert.StartsWith("http", session.Url);
    }
}
