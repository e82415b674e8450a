using System.Text.Json;
using BillingFunctions.Adapters.StripeApi;
using Stripe;

namespace BillingFunctions.Adapters.Tests.StripeApi;

/// <summary>Stripe.net's retries against faults the emulator injects: a retry must never become a second charge.</summary>
public class StripeFaultTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly StripeAccount _client = emulator.Stripe;

    private async Task<IReadOnlyList<JsonElement>> LoggedRequestsAsync(string path) =>
        [.. (await emulator.RequestLogAsync()).Where(r => r.GetProperty("path").GetString() == path)];

    [Fact]
    public async Task A_500_on_pay_is_retried_with_the_same_key_and_charges_exactly_once()
    {
        var steps = new BillingSteps(_client);
        var customer = await steps.CustomerWithCardAsync("pm_card_visa");
        var open = await steps.OpenInvoiceAsync(customer.Id, 4200);
        await emulator.InjectFaultAsync(500, 1, $"/v1/invoices/{open.Id}/pay");

        var paid = await _client.V1.Invoices.PayAsync(open.Id, new InvoicePayOptions(), _client.Write(steps.Key("pay")));

        Assert.Equal("paid", paid.Status);
        Assert.Equal(1, paid.AttemptCount);
        var attempts = await LoggedRequestsAsync($"/v1/invoices/{open.Id}/pay");
        Assert.Equal([500, 200], attempts.Select(a => a.GetProperty("status").GetInt32()));
        Assert.All(attempts, a => Assert.Equal(steps.Key("pay"), a.GetProperty("idempotency_key").GetString()));
        var charge = Assert.Single(await emulator.ChargesForInvoiceAsync(open.Id));
        Assert.Equal(4200, charge.GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task Repeating_a_pay_step_whose_answer_was_lost_replays_it_without_charging_again()
    {
        var steps = new BillingSteps(_client);
        var customer = await steps.CustomerWithCardAsync("pm_card_visa");
        var open = await steps.OpenInvoiceAsync(customer.Id, 1500);

        var first = await _client.V1.Invoices.PayAsync(open.Id, new InvoicePayOptions(), _client.Write(steps.Key("pay")));
        var again = await _client.V1.Invoices.PayAsync(open.Id, new InvoicePayOptions(), _client.Write(steps.Key("pay")));

        Assert.Equal(first.AmountPaid, again.AmountPaid);
        Assert.Equal(1, (await _client.V1.Invoices.GetAsync(open.Id, null, _client.Read())).AttemptCount);
        Assert.Single(await emulator.ChargesForInvoiceAsync(open.Id));
    }

    [Fact]
    public async Task A_network_failure_on_pay_is_retried_with_the_same_key_and_charges_exactly_once()
    {
        var steps = new BillingSteps(_client);
        var customer = await steps.CustomerWithCardAsync("pm_card_visa");
        var open = await steps.OpenInvoiceAsync(customer.Id, 2300);
        // Status 0: the emulator never answers; the attempt times out, as over a dropped connection, and is tried again.
        await emulator.InjectFaultAsync(0, 1, $"/v1/invoices/{open.Id}/pay");
        var impatient = emulator.Client(timeout: TimeSpan.FromMilliseconds(500), rateLimitPerSecond: null);

        var paid = await impatient.V1.Invoices.PayAsync(open.Id, new InvoicePayOptions(), impatient.Write(steps.Key("pay")));

        Assert.Equal("paid", paid.Status);
        Assert.Single(await emulator.ChargesForInvoiceAsync(open.Id));
    }

    [Fact]
    public async Task A_lock_timeout_conflict_is_retried()
    {
        var steps = new BillingSteps(_client);
        var customer = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = $"{steps.Run}@example.com" },
            _client.Write(steps.Key("customer")));
        await emulator.InjectFaultAsync(409, 1, $"/v1/customers/{customer.Id}");

        var updated = await _client.V1.Customers.UpdateAsync(customer.Id, new CustomerUpdateOptions { Name = "Renamed" },
            _client.Write(steps.Key("rename")));

        Assert.Equal("Renamed", updated.Name);
    }

    [Fact]
    public async Task Rate_limited_answers_stripe_marks_retryable_are_retried_until_they_get_through()
    {
        var steps = new BillingSteps(_client);
        await emulator.InjectFaultAsync(429, 2, "/v1/customers");

        var customer = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = $"{steps.Run}@example.com" },
            _client.Write(steps.Key("customer")));

        var attempts = (await LoggedRequestsAsync("/v1/customers"))
            .Where(r => r.GetProperty("idempotency_key").GetString() == steps.Key("customer")).ToList();
        Assert.Equal([429, 429, 200], attempts.Select(a => a.GetProperty("status").GetInt32()));
        Assert.Equal(customer.Id, (await _client.V1.Customers.GetAsync(customer.Id, null, _client.Read())).Id);
    }

    [Fact]
    public async Task When_rate_limiting_outlasts_the_retries_the_rate_limit_error_is_thrown()
    {
        var steps = new BillingSteps(_client);
        await emulator.InjectFaultAsync(429, 2, "/v1/setup_intents");
        var patient = emulator.Client(maxRetries: 1);

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            patient.V1.SetupIntents.CreateAsync(new SetupIntentCreateOptions(), patient.Write(steps.Key("setup"))));

        Assert.Equal("rate_limit", error.Code());
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.HttpStatusCode);
    }

    [Fact]
    public async Task A_hung_request_times_out_and_the_retry_completes_it()
    {
        var steps = new BillingSteps(_client);
        var impatient = emulator.Client(timeout: TimeSpan.FromMilliseconds(500), rateLimitPerSecond: null);
        await emulator.InjectFaultAsync(0, 1, "/v1/billing_portal/sessions");
        var customer = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = $"{steps.Run}@example.com" },
            _client.Write(steps.Key("customer")));

        var session = await impatient.V1.BillingPortal.Sessions.CreateAsync(
            new Stripe.BillingPortal.SessionCreateOptions { Customer = customer.Id, ReturnUrl = "https://crm.example.com/back" },
            impatient.Write(steps.Key("portal")));

        Assert.Equal(customer.Id, session.Customer);
        Assert.StartsWith("http", session.Url);
    }
}
