using System.Net.Http.Json;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>
/// What the CRM sees of dunning and does to it, on the live stack: the dunning state on the invoice, the rep told on
/// the invoice's timeline and by email, and a hold that stops the chasing or keeps it from starting.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class DunningCrmTests(DunningStack stack) : IClassFixture<DunningStack>
{
    [Fact]
    public async Task The_rep_sees_the_dunning_state_on_the_invoice_and_is_told_and_putting_it_on_hold_stops_the_chasing()
    {
        await stack.UsePolicyAsync([1, 2, 4, 7], "pause");
        var customer = await stack.CustomerWithFailingCardAsync();
        var invoice = await stack.FailedCrmInvoiceAsync(customer);
        await stack.WaitForAsync(invoice.StripeInvoiceId!, DunningStatus.WaitingToRetry, "the payment_failed webhook starts dunning");

        var view = (await stack.Rep.GetFromJsonAsync<InvoiceDunningResponse>($"/api/v1/invoices/{invoice.Id}/dunning", ApiHost.JsonOptions))!;
        Assert.Equal(("waiting_to_retry", 1, 0, 4), (view.Status, view.Step, view.RetriesUsed, view.RetriesLeft));
        Assert.Equal(view.StartedAt + TimeSpan.FromDays(1), view.NextAttemptAt);
        Assert.Equal(["payment_failed", "retry_scheduled"], view.History.Select(h => h.Kind));
        Assert.Equal([1, 2, 4, 7], view.Policy.RetryDelayDays);
        var repEmails = await stack.EmailsAsync(stack.RepEmail, 1, "the rep is told");
        Assert.Contains(repEmails, e => e.Subject.StartsWith("Payment failed: invoice " + invoice.Number, StringComparison.Ordinal)
            || e.Subject.Contains(invoice.StripeInvoiceId!, StringComparison.Ordinal));
        var timeline = (await stack.Rep.GetFromJsonAsync<List<TimelineEntry>>($"/api/v1/invoices/{invoice.Id}/timeline", ApiHost.JsonOptions))!;
        Assert.Single(timeline, e => e.Action == "dunning.payment_failed" && e.Actor == "dunning");

        (await stack.Rep.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/hold", new HoldRequest("customer disputes the amount")))
            .EnsureSuccessStatusCode();
        await stack.WaitForAsync(invoice.StripeInvoiceId!, DunningStatus.Stopped, "the hold stops dunning");
        await stack.AdvanceAsync(TimeSpan.FromDays(3));
        await Task.Delay(1000);

        Assert.Equal("stopped", (await stack.Rep.GetFromJsonAsync<InvoiceDunningResponse>($"/api/v1/invoices/{invoice.Id}/dunning",
            ApiHost.JsonOptions))!.Status);
        Assert.Single(await stack.ChargesAsync(customer.StripeCustomerId!));
        Assert.Single(await stack.EmailsAsync(customer.Email!, 1, "no email after the hold"));
    }

    [Fact]
    public async Task A_rep_without_an_email_is_told_on_the_invoice_timeline_only_which_says_why()
    {
        await stack.UsePolicyAsync([1, 2, 4, 7], "pause");
        var customer = await stack.CustomerWithFailingCardAsync(stack.RepWithoutEmail);
        var invoice = await stack.FailedCrmInvoiceAsync(customer, stack.RepWithoutEmail);
        await stack.WaitForAsync(invoice.StripeInvoiceId!, DunningStatus.WaitingToRetry, "the payment_failed webhook starts dunning");

        var timeline = (await stack.RepWithoutEmail.GetFromJsonAsync<List<TimelineEntry>>($"/api/v1/invoices/{invoice.Id}/timeline",
            ApiHost.JsonOptions))!;

        var notice = Assert.Single(timeline, e => e.Action == "dunning.payment_failed");
        Assert.EndsWith("(not emailed: bob has no email)", notice.Detail, StringComparison.Ordinal);
        Assert.Single(await stack.EmailsAsync(customer.Email!, 1, "the customer is still emailed"));
    }

    [Fact]
    public async Task An_invoice_on_hold_whose_payment_fails_is_not_chased()
    {
        await stack.UsePolicyAsync([1, 2, 4, 7], "pause");
        var customer = await stack.CustomerWithFailingCardAsync();
        var draft = await TenantWorld.ReadAsync<InvoiceResponse>(await stack.Rep.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(
            customer.Id, null, null, "charge_automatically", null, null, [new InvoiceLineRequest("Disputed work", 1, 9_000, null)], [])));
        var open = await TenantWorld.ReadAsync<InvoiceResponse>(await stack.Rep.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));
        (await stack.Rep.PostAsJsonAsync($"/api/v1/invoices/{draft.Id}/hold", new HoldRequest("disputed"))).EnsureSuccessStatusCode();

        // Stripe charges it anyway (its own automatic attempt) and the charge fails.
        await Assert.ThrowsAsync<StripeException>(() => stack.Stripe.V1.Invoices.PayAsync(open.StripeInvoiceId!,
            new InvoicePayOptions { OffSession = true }, stack.Stripe.Write("t:auto:" + draft.Id)));
        await Eventually.TrueAsync(async () =>
            (await stack.Rep.GetFromJsonAsync<List<TimelineEntry>>($"/api/v1/invoices/{draft.Id}/timeline", ApiHost.JsonOptions))!
            .Any(e => e.Action == "stripe.payment_failed"), "the payment_failed webhook was applied");
        await Task.Delay(1500);

        Assert.Null(await stack.InstanceAsync(open.StripeInvoiceId!));
        Assert.Empty(await stack.Mail.EmailsToAsync(customer.Email!));
    }
}
