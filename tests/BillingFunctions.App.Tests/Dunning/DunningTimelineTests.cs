using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>
/// Dunning timelines as they run in production, only faster: Stripe's webhooks start and stop the orchestrations, which
/// run on the local host's task hub, the app's clock is moved through the time-travel endpoint, and the customer's and
/// rep's emails arrive in maildev over SMTP.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed partial class DunningTimelineTests(DunningStack stack) : IClassFixture<DunningStack>
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Fail_fail_succeed_recovers_with_one_successful_charge_and_leaves_the_subscription_alone()
    {
        await stack.UsePolicyAsync([1, 2, 4, 7], "pause");
        var customer = await stack.CustomerWithFailingCardAsync();
        var subscription = await stack.ActiveSubscriptionAsync(customer);
        var invoice = await stack.FailedStripeInvoiceAsync(customer.StripeCustomerId!, subscription: subscription.Value);
        await stack.WaitForAsync(invoice, DunningStatus.WaitingToRetry, "the payment_failed webhook starts dunning");

        await stack.AdvanceAsync(TimeSpan.FromDays(1) + Margin);
        var afterFirstRetry = await stack.WaitForAsync(invoice, DunningStatus.WaitingToRetry,
            "the first retry fails and the second is scheduled", retriesUsed: 1);
        Assert.Equal(1, afterFirstRetry.RetriesUsed);

        // Funds arrive on another card the customer had given Stripe: no new-card event, the schedule does the rest.
        var visa = await stack.Stripe.V1.PaymentMethods.AttachAsync("pm_card_visa",
            new PaymentMethodAttachOptions { Customer = customer.StripeCustomerId! }, stack.Stripe.Write("t:visa:" + invoice));
        await stack.Stripe.V1.Customers.UpdateAsync(customer.StripeCustomerId!, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = visa.Id },
        }, stack.Stripe.Write("t:default:" + invoice));
        await stack.AdvanceAsync(TimeSpan.FromDays(2) + Margin);
        var recovered = await stack.WaitForAsync(invoice, DunningStatus.Recovered, "the second retry succeeds");
        await stack.AdvanceAsync(TimeSpan.FromDays(12));
        await Task.Delay(1000);

        Assert.Equal(2, recovered.RetriesUsed);
        Assert.Equal("paid", (await stack.Stripe.V1.Invoices.GetAsync(invoice, null, stack.Stripe.Read())).Status);
        var charges = await stack.ChargesAsync(customer.StripeCustomerId!);
        Assert.Equal(3, charges.Count);
        Assert.Single(charges, c => c.GetProperty("status").GetString() == "succeeded");
        Assert.Equal(SubscriptionStatus.Active, await stack.SubscriptionStatusAsync(subscription));
        var emails = await stack.EmailsAsync(customer.Email!, 2, "the customer hears of the failure and of the retry");
        Assert.Equal(2, emails.Count);
        Assert.Single(emails, e => e.Subject.StartsWith("Payment for invoice", StringComparison.Ordinal));
        Assert.Single(emails, e => e.Subject.StartsWith("We will retry the payment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_attempt_failing_marks_the_invoice_uncollectible_and_pauses_the_subscription_on_the_tenants_schedule()
    {
        await stack.UsePolicyAsync([1, 2], "pause");
        var customer = await stack.CustomerWithFailingCardAsync();
        var subscription = await stack.ActiveSubscriptionAsync(customer);
        var invoice = await stack.FailedStripeInvoiceAsync(customer.StripeCustomerId!, subscription: subscription.Value);
        var started = await stack.WaitForAsync(invoice, DunningStatus.WaitingToRetry, "the payment_failed webhook starts dunning");
        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromDays(2)], started.Policy.RetryDelays);

        await stack.AdvanceAsync(TimeSpan.FromDays(1) + Margin);
        await stack.WaitForAsync(invoice, DunningStatus.WaitingToRetry, "the first retry fails", retriesUsed: 1);
        await stack.AdvanceAsync(TimeSpan.FromDays(2) + Margin);
        var exhausted = await stack.WaitForAsync(invoice, DunningStatus.Exhausted, "the last retry fails and the final step runs");

        Assert.Equal(2, exhausted.RetriesUsed);
        Assert.Equal("uncollectible", (await stack.Stripe.V1.Invoices.GetAsync(invoice, null, stack.Stripe.Read())).Status);
        Assert.All(await stack.ChargesAsync(customer.StripeCustomerId!), c => Assert.Equal("failed", c.GetProperty("status").GetString()));
        Assert.Equal(3, (await stack.ChargesAsync(customer.StripeCustomerId!)).Count);
        Assert.Equal(SubscriptionStatus.Paused, await stack.SubscriptionStatusAsync(subscription));
        var paused = await stack.Subscriptions.GetAsync(new TenantId(stack.Tenant), subscription, CancellationToken.None);
        Assert.Single(paused!.Subscription.Timeline, t => t.Kind == "paused");
        var emails = await stack.EmailsAsync(customer.Email!, 3, "failure, retry and final notice emails");
        Assert.Equal(3, emails.Count);
        Assert.Single(emails, e => e.Subject.StartsWith("Final notice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lost_card_gets_no_retries_and_one_card_update_email_and_a_new_card_from_the_crm_is_charged_at_once()
    {
        await stack.UsePolicyAsync([1, 2, 4, 7], "pause");
        var customer = await stack.CustomerWithFailingCardAsync();
        var invoice = await stack.FailedStripeInvoiceAsync(customer.StripeCustomerId!, payWith: "pm_card_chargeDeclinedLostCard");
        var awaiting = await stack.WaitForAsync(invoice, DunningStatus.AwaitingNewCard, "a hard decline asks for a new card");
        await stack.AdvanceAsync(TimeSpan.FromDays(2));
        await Task.Delay(1000);

        Assert.Equal("lost_card", awaiting.LastDeclineCode);
        Assert.Single(await stack.ChargesAsync(customer.StripeCustomerId!));
        var email = Assert.Single(await stack.EmailsAsync(customer.Email!, 1, "the card-update email"));
        Assert.StartsWith("Please update your card", email.Subject, StringComparison.Ordinal);
        Assert.Contains((await stack.Stripe.V1.Invoices.GetAsync(invoice, null, stack.Stripe.Read())).HostedInvoiceUrl!, email.Text,
            StringComparison.Ordinal);

        await stack.SetCardAsync(customer.Id, "pm_card_visa");
        var recovered = await stack.WaitForAsync(invoice, DunningStatus.Recovered, "the new card is charged at once");
        Assert.Equal(1, recovered.RetriesUsed);
        Assert.Contains(recovered.History, h => h.Kind == DunningHistoryKind.CardUpdated);
        Assert.Single(await stack.ChargesAsync(customer.StripeCustomerId!), c => c.GetProperty("status").GetString() == "succeeded");
    }

    [Fact]
    public async Task Paying_on_the_hosted_page_mid_dunning_stops_the_process_and_no_further_email_goes_out()
    {
        await stack.UsePolicyAsync([1, 2, 4, 7], "pause");
        var customer = await stack.CustomerWithFailingCardAsync();
        var invoice = await stack.FailedCrmInvoiceAsync(customer);
        await stack.WaitForAsync(invoice.StripeInvoiceId!, DunningStatus.WaitingToRetry, "the payment_failed webhook starts dunning");
        var failed = Assert.Single(await stack.EmailsAsync(customer.Email!, 1, "the payment-failed email"));

        // The customer follows the email's link and pays there with another card.
        var page = new Uri(HostedPageLink().Match(failed.Text!).Value);
        using var pay = await stack.Live.Http.PostAsync(new Uri(page + "/pay"), new FormUrlEncodedContent([new("card", "pm_card_visa")]));
        Assert.Contains("Result: paid", await pay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var recovered = await stack.WaitForAsync(invoice.StripeInvoiceId!, DunningStatus.Recovered, "invoice.paid stops dunning");
        await stack.AdvanceAsync(TimeSpan.FromDays(15));
        await Task.Delay(1000);

        Assert.Equal(0, recovered.RetriesUsed);
        Assert.Single(await stack.EmailsAsync(customer.Email!, 1, "no email after the payment"));
        Assert.Equal(2, (await stack.ChargesAsync(customer.StripeCustomerId!)).Count);
        var view = await stack.Rep.GetFromJsonAsync<InvoiceDunningResponse>($"/api/v1/invoices/{invoice.Id}/dunning", ApiHost.JsonOptions);
        Assert.Equal("recovered", view!.Status);
        Assert.Null(view.NextAttemptAt);
    }

    [Fact]
    public async Task The_same_payment_failed_webhook_delivered_three_times_starts_one_process_and_sends_one_email()
    {
        await stack.UsePolicyAsync([1, 2, 4, 7], "pause");
        var customer = await stack.CustomerWithFailingCardAsync();
        var invoice = await stack.FailedStripeInvoiceAsync(customer.StripeCustomerId!);
        await stack.WaitForAsync(invoice, DunningStatus.WaitingToRetry, "the first delivery starts dunning");
        var failedEvent = (await stack.Stripe.V1.Events.ListAsync(new EventListOptions { Type = "invoice.payment_failed", Limit = 100 },
            stack.Stripe.Read())).Data
            .Single(e => e.ObjectId() == invoice);

        await stack.Live.RedeliverAsync(failedEvent.Id);
        await stack.Live.RedeliverAsync(failedEvent.Id);
        await Eventually.TrueAsync(async () => (await stack.Live.Http.GetFromJsonAsync<System.Text.Json.JsonElement>(
            new Uri(stack.Live.Emulator.BaseUrl, $"_emulator/webhooks/deliveries?event={failedEvent.Id}"))).GetProperty("data").GetArrayLength() >= 3,
            "the emulator delivered the event three times");
        await Task.Delay(1500);

        var state = await stack.WaitForAsync(invoice, DunningStatus.WaitingToRetry, "still one process, waiting");
        Assert.Single(state.History, h => h.Kind == DunningHistoryKind.PaymentFailed);
        Assert.Equal(0, state.RetriesUsed);
        Assert.Single(await stack.EmailsAsync(customer.Email!, 1, "one payment-failed email"));
    }

    [GeneratedRegex(@"https?://[^\s<>""]+/i/[^\s<>""]+")]
    private static partial Regex HostedPageLink();
}
