using BillingFunctions.Adapters.Dunning;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.Adapters.Tests.StripeApi;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Notifications;
using Stripe;
using InvoicePaid = BillingFunctions.Domain.Dunning.InvoicePaid;

namespace BillingFunctions.Adapters.Tests.Dunning;

public class StripeDunningActionsTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly StripeAccount _stripe = emulator.Stripe;
    private readonly string _run = Guid.NewGuid().ToString("N");

    /// <summary>A customer whose saved card attaches but fails every charge (4000000000000341), and an open invoice.</summary>
    private async Task<(string Customer, string Invoice)> FailedInvoiceAsync()
    {
        var steps = new BillingSteps(_stripe);
        var customer = await steps.CustomerWithCardAsync("pm_card_chargeCustomerFail");
        var invoice = await steps.OpenInvoiceAsync(customer.Id, 4200);
        return (customer.Id, invoice.Id);
    }

    private async Task<DunningEvent> FirstAttemptAsync(string invoiceId) =>
        await new StripeDunningActions(_stripe).RetryChargeAsync(invoiceId, new RetryCharge($"test:{_run}:first-attempt"));

    /// <summary>A first attempt with a card Stripe refuses to attach (lost, stolen...), as the hosted page might try.</summary>
    private async Task<DunningEvent> FirstAttemptWithAsync(string invoiceId, string card)
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => _stripe.V1.Invoices.PayAsync(invoiceId,
            new InvoicePayOptions { PaymentMethod = card }, _stripe.Write($"test:{_run}:first-attempt-{card}")));
        Assert.True(error.IsCardError());
        return new PaymentFailed(error.StripeError.DeclineCode);
    }

    private async Task GiveNewCardAsync(string customerId, string card)
    {
        var method = await _stripe.V1.PaymentMethods.AttachAsync(card, new PaymentMethodAttachOptions { Customer = customerId },
            _stripe.Write($"test:{_run}:attach-{card}"));
        await _stripe.V1.Customers.UpdateAsync(customerId,
            new CustomerUpdateOptions { InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = method.Id } },
            _stripe.Write($"test:{_run}:default-{card}"));
    }

    private async Task<int> ChargesAsync(string invoiceId) => (await emulator.ChargesForInvoiceAsync(invoiceId)).Count;

    [Fact]
    public async Task A_declined_charge_comes_back_as_a_payment_failure_with_stripes_decline_code()
    {
        var (_, invoice) = await FailedInvoiceAsync();

        var outcome = await FirstAttemptAsync(invoice);

        Assert.Equal(new PaymentFailed("generic_decline"), outcome);
    }

    [Fact]
    public async Task Fail_fail_then_a_new_card_recovers_the_invoice()
    {
        var (customer, invoice) = await FailedInvoiceAsync();
        var run = new DunningAgainstEmulator(_stripe, invoice, DunningPolicy.Default);

        await run.OnAsync(await FirstAttemptAsync(invoice));
        await run.WakeWhenDueAsync();
        Assert.Equal(DunningStatus.WaitingToRetry, run.State.Status);
        await GiveNewCardAsync(customer, "pm_card_visa");
        await run.OnAsync(new CardUpdated());

        Assert.Equal(DunningStatus.Recovered, run.State.Status);
        Assert.Equal("paid", (await _stripe.V1.Invoices.GetAsync(invoice, null, _stripe.Read())).Status);
        Assert.Equal(3, await ChargesAsync(invoice));
        Assert.DoesNotContain(run.Effects, e => e is PauseSubscription or CancelSubscription or MarkUncollectible);
    }

    [Fact]
    public async Task Every_attempt_failing_leaves_the_invoice_uncollectible_at_stripe()
    {
        var (_, invoice) = await FailedInvoiceAsync();
        var run = new DunningAgainstEmulator(_stripe, invoice, new DunningPolicy([TimeSpan.FromDays(3), TimeSpan.FromDays(4)],
            SubscriptionOnExhaustion.Pause));

        await run.OnAsync(await FirstAttemptAsync(invoice));
        while (run.NextWake is not null)
            await run.WakeWhenDueAsync();

        Assert.Equal(DunningStatus.Exhausted, run.State.Status);
        Assert.Equal("uncollectible", (await _stripe.V1.Invoices.GetAsync(invoice, null, _stripe.Read())).Status);
        Assert.Equal(3, await ChargesAsync(invoice));
        Assert.Single(run.Effects.OfType<PauseSubscription>());
    }

    [Fact]
    public async Task A_lost_card_is_not_retried_and_the_customer_is_asked_for_a_new_one()
    {
        var (_, invoice) = await FailedInvoiceAsync();
        var run = new DunningAgainstEmulator(_stripe, invoice, DunningPolicy.Default);

        await run.OnAsync(await FirstAttemptWithAsync(invoice, "pm_card_chargeDeclinedLostCard"));
        await run.WakeWhenDueAsync();

        Assert.Equal(1, await ChargesAsync(invoice));
        Assert.Empty(run.Effects.OfType<RetryCharge>());
        Assert.Contains(run.Effects, e => e is SendEmail { Kind: EmailKind.CardUpdateNeeded });
        Assert.Equal("uncollectible", (await _stripe.V1.Invoices.GetAsync(invoice, null, _stripe.Read())).Status);
    }

    [Fact]
    public async Task Repeating_a_retry_after_a_crash_never_charges_twice()
    {
        var (customer, invoice) = await FailedInvoiceAsync();
        var actions = new StripeDunningActions(_stripe);
        await GiveNewCardAsync(customer, "pm_card_visa");
        var effect = new RetryCharge($"dunning:{invoice}:2:charge");

        var first = await actions.RetryChargeAsync(invoice, effect);
        var repeated = await actions.RetryChargeAsync(invoice, effect);

        Assert.IsType<InvoicePaid>(first);
        Assert.IsType<InvoicePaid>(repeated);
        Assert.Equal(1, await ChargesAsync(invoice));
    }

    [Fact]
    public async Task Repeating_a_declined_retry_replays_the_decline_without_a_new_charge()
    {
        var (_, invoice) = await FailedInvoiceAsync();
        var actions = new StripeDunningActions(_stripe);
        var effect = new RetryCharge($"dunning:{invoice}:2:charge");

        var first = await actions.RetryChargeAsync(invoice, effect);
        var repeated = await actions.RetryChargeAsync(invoice, effect);

        Assert.Equal(first, repeated);
        Assert.Equal(1, await ChargesAsync(invoice));
    }

    [Fact]
    public async Task Paying_on_the_hosted_page_mid_dunning_stops_the_process_without_another_charge()
    {
        var (_, invoice) = await FailedInvoiceAsync();
        var run = new DunningAgainstEmulator(_stripe, invoice, DunningPolicy.Default);
        await run.OnAsync(await FirstAttemptAsync(invoice));
        var emails = run.Effects.OfType<SendEmail>().Count();

        // The customer pays with another card on the hosted page; the webhook has not reached us yet.
        await _stripe.V1.Invoices.PayAsync(invoice, new InvoicePayOptions { PaymentMethod = "pm_card_visa" },
            _stripe.Write($"test:{_run}:hosted-page"));
        await run.WakeWhenDueAsync();

        Assert.Equal(DunningStatus.Recovered, run.State.Status);
        Assert.Equal(2, await ChargesAsync(invoice));
        Assert.Equal(emails, run.Effects.OfType<SendEmail>().Count());
    }
}
