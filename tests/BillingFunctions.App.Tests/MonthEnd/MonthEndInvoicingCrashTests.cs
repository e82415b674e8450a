using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.Adapters.Tests.Email;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Reminders;
using static BillingFunctions.App.Tests.MonthEnd.MonthEndSteps;

using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.MonthEnd;

/// <summary>
/// The invoicing of an approval, crashed after each of its side effects (and after each Stripe POST inside them) and
/// resumed by the activity's retry: one CRM invoice, one Stripe invoice, one charge, one email key.
/// </summary>
public sealed class MonthEndInvoicingCrashTests(MonthEndHost host, MailDevFixture smtp) : IClassFixture<MonthEndHost>, IClassFixture<MailDevFixture>
{
    public static TheoryData<string, int> CrashPoints() => new()
    {
        // After effect n: 1 CRM invoice, 2 Stripe finalization, 3 charge, 4 entry recorded, 5 email queued.
        { "effect", 1 }, { "effect", 2 }, { "effect", 3 }, { "effect", 4 }, { "effect", 5 },
        // After Stripe POST n: 1 invoice created, 2 its item, 3 finalized, 4 paid.
        { "stripe", 1 }, { "stripe", 2 }, { "stripe", 3 }, { "stripe", 4 },
    };

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task A_crash_after_any_side_effect_resumes_without_a_second_invoice_charge_or_email(string where, int after)
    {
        using var world = await TenantWorld.CreateAsync(host, "Crash " + where + after);
        var customer = await CustomerWithCardAsync(world);
        var crashesBefore = (host.Process.Crashes, host.StripeCrash.Crashes);
        if (where == "effect") host.Process.Arm(after); else host.StripeCrash.Arm(after);
        var approved = await ApprovedEntryAsync(world, customer.Id, 99_999);

        await host.RunInvoicingUntilQuietAsync();
        // The opener's safety net restarts nothing for an invoiced entry, and a second round finds nothing to do.
        await host.RunOpenerAsync();
        await host.RunInvoicingUntilQuietAsync();

        Assert.Equal(crashesBefore.Item1 + (where == "effect" ? 1 : 0), host.Process.Crashes);
        Assert.Equal(crashesBefore.Item2 + (where == "stripe" ? 1 : 0), host.StripeCrash.Crashes);
        await AssertBilledOnceAsync(world, customer, approved.Id, 99_999);
    }

    [Fact]
    public async Task Starting_the_same_approval_twice_and_running_it_twice_bills_once()
    {
        using var world = await TenantWorld.CreateAsync(host, "Twice");
        var customer = await CustomerWithCardAsync(world);
        var approved = await ApprovedEntryAsync(world, customer.Id, 4_200);

        // As if the approval request died before it heard back: the opener starts the process again.
        await host.RunOpenerAsync();
        await Task.WhenAll(host.RunInvoicingUntilQuietAsync(), host.RunInvoicingUntilQuietAsync());

        await AssertBilledOnceAsync(world, customer, approved.Id, 4_200);
    }

    [Fact]
    public async Task A_declined_card_still_invoices_the_month_and_emails_the_invoice_to_pay()
    {
        using var world = await TenantWorld.CreateAsync(host, "Declined");
        var customer = await CustomerWithCardAsync(world, card: "pm_card_chargeCustomerFail");
        var approved = await ApprovedEntryAsync(world, customer.Id, 7_500);

        await host.RunInvoicingUntilQuietAsync();

        var entry = await EntryAsync(world.RepA1, approved.Id);
        Assert.Equal("invoiced", entry.Status);
        var invoice = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.GetAsync($"/api/v1/invoices/{entry.InvoiceId}"));
        Assert.Equal(("open", 7_500L), (invoice.Status, invoice.AmountDue));
        var email = Assert.Single(await host.OutboxAsync(), e => e.TenantId == world.Tenant.TenantId);
        Assert.Contains("has sent you invoice", email.Message.PlainText, StringComparison.Ordinal);
        Assert.Contains(invoice.HostedInvoiceUrl!, email.Message.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_without_a_card_gets_the_invoice_to_pay_instead_of_a_stuck_process()
    {
        using var world = await TenantWorld.CreateAsync(host, "No card");
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var approved = await ApprovedEntryAsync(world, customer.Id, 2_000);

        await host.RunInvoicingUntilQuietAsync();

        var entry = await EntryAsync(world.RepA1, approved.Id);
        Assert.Equal("invoiced", entry.Status);
        Assert.Equal("open", (await TenantWorld.ReadAsync<InvoiceResponse>(
            await world.RepA1.GetAsync($"/api/v1/invoices/{entry.InvoiceId}"))).Status);
        Assert.Contains("has sent you invoice", Assert.Single(await host.OutboxAsync(), e => e.TenantId == world.Tenant.TenantId).Message.PlainText,
            StringComparison.Ordinal);
    }

    private async Task AssertBilledOnceAsync(TenantWorld world, CustomerResponse customer, string entryId, long amount)
    {
        var entry = await EntryAsync(world.RepA1, entryId);
        Assert.Equal("invoiced", entry.Status);
        var crmInvoices = await TenantWorld.ReadAsync<Page<InvoiceListItem>>(
            await world.RepA1.GetAsync($"/api/v1/invoices?customerId={customer.Id}"));
        Assert.Equal((entry.InvoiceId, "paid", amount), (Assert.Single(crmInvoices.Items).Id, crmInvoices.Items[0].View, crmInvoices.Items[0].Total));
        var stripeInvoices = await host.StripeReader.V1.Invoices.ListAsync(new InvoiceListOptions { Customer = customer.StripeCustomerId,
            Limit = 10 }, host.StripeReader.Read());
        Assert.Equal(("paid", amount), (Assert.Single(stripeInvoices.Data).Status, stripeInvoices.Data[0].AmountPaid));
        var charge = Assert.Single(await host.ChargesAsync(customer.StripeCustomerId!));
        Assert.Equal(("succeeded", amount), (charge.GetProperty("status").GetString(), charge.GetProperty("amount").GetInt64()));
        // A crash right after queueing may queue the email again, always under the same key and Message-ID; the app's
        // outbox dispatcher, over a real SMTP server, delivers it once.
        var emails = (await host.OutboxAsync()).Where(e => e.TenantId == world.Tenant.TenantId).ToList();
        Assert.NotEmpty(emails);
        var messageId = Assert.Single(emails.Select(e => (e.IdempotencyKey, e.Message.MessageId)).Distinct()).MessageId.Trim('<', '>');
        await OutboxDelivery.DispatchAsync(host, smtp.Server.SmtpPort);
        Assert.Single(await smtp.Server.EmailsToAsync("billing@globex.example"), d => d.MessageId?.Trim('<', '>') == messageId);
        var timeline = await TenantWorld.ReadAsync<List<TimelineEntry>>(await world.RepA1.GetAsync($"/api/v1/invoices/{entry.InvoiceId}/timeline"));
        Assert.Single(timeline, t => t.Action == "charged");
    }
}
