using System.Net;
using System.Net.Http.Json;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.Adapters.Tests.Email;
using System.Text.Json;
using BillingFunctions.App.Reminders;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.Domain.Reminders;

using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Reminders;

/// <summary>
/// Reminders of invoices sent through the CRM: the app in-process on Azurite, the Stripe emulator, the app's own
/// outbox queue, and time from the app's TimeProvider (the host's test clock).
/// </summary>
public sealed class ReminderTests(ReminderHost host) : IClassFixture<ReminderHost>
{
    private static readonly DateOnly MonthEnd = new(2026, 11, 30);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reminders_go_out_before_on_and_after_a_month_end_due_date_at_the_tenants_local_time_once_each()
    {
        host.Clock.AdjustTime(Utc(11, 20, 10, 0));
        var scenario = await ReminderScenario.CreateAsync(host, "Pacific/Auckland"); // UTC+13 in November: local dates run ahead of UTC
        using var _ = scenario.World;
        Assert.Equal(HttpStatusCode.OK, (await scenario.PutSettingsAsync(scenario.World.Finance,
            new { daysFromDue = new[] { 2, -3, 0 }, sendAt = "08:30" })).StatusCode);
        var invoice = await scenario.SendInvoiceDueAsync(MonthEnd);
        var key = $"reminders:{invoice.StripeInvoiceId}:";

        // 08:30 in Auckland on 27 Nov, 30 Nov and 2 Dec is 19:30 UTC the day before.
        Assert.Equal(Utc(11, 26, 19, 30), (await scenario.InstanceAsync(invoice.StripeInvoiceId!)).WakeAt);
        (DateTimeOffset Before, DateTimeOffset At, string Key, string Subject)[] slots =
        [
            (Utc(11, 26, 19, 29), Utc(11, 26, 19, 30), key + "-3", "is due soon"),
            (Utc(11, 29, 19, 29), Utc(11, 29, 19, 30), key + "+0", "is due today"),
            (Utc(12, 1, 19, 29), Utc(12, 1, 19, 30), key + "+2", "Overdue"),
        ];
        for (var i = 0; i < slots.Length; i++)
        {
            host.Clock.AdjustTime(slots[i].Before);
            await scenario.RunUntilQuietAsync();
            Assert.Equal(i, (await scenario.OutboxAsync()).Count);

            host.Clock.AdjustTime(slots[i].At);
            await scenario.RunUntilQuietAsync();
            var emails = await scenario.OutboxAsync();
            Assert.Equal(slots.Take(i + 1).Select(s => s.Key), emails.Select(e => e.IdempotencyKey));
            Assert.Contains(slots[i].Subject, emails[^1].Message.Subject, StringComparison.Ordinal);
            Assert.Equal("billing@globex.example", emails[^1].Message.To.Address);
        }

        host.Clock.AdjustTime(Utc(12, 31, 0, 0));
        await scenario.RunUntilQuietAsync();
        Assert.Equal(3, (await scenario.OutboxAsync()).Count);
        Assert.True((await scenario.InstanceAsync(invoice.StripeInvoiceId!)).Completed);
        // What an operator sees of it: the orchestration, finished, its state with the three slots sent.
        using var admin = host.NewClient();
        var shown = JsonDocument.Parse(await admin.GetStringAsync(
            $"/api/processes/{scenario.Tenant}/{Uri.EscapeDataString(ReminderKind.InstanceIdFor(invoice.StripeInvoiceId!))}")).RootElement;
        Assert.Equal("reminders", shown.GetProperty("type").GetString());
        Assert.Equal("Completed", shown.GetProperty("runtimeStatus").GetString());
        Assert.Equal([-3, 0, 2], shown.GetProperty("state").GetProperty("Sent").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Paying_the_invoice_stops_the_reminders_still_to_come()
    {
        host.Clock.AdjustTime(Utc(11, 20, 10, 0));
        var scenario = await ReminderScenario.CreateAsync(host, "Europe/Berlin");
        using var _ = scenario.World;
        var invoice = await scenario.SendInvoiceDueAsync(MonthEnd); // default schedule: -3, 0, +3, +7, +14 at 09:00

        host.Clock.AdjustTime(Utc(11, 27, 8, 0)); // 09:00 in Berlin
        await scenario.RunUntilQuietAsync();
        Assert.Single(await scenario.OutboxAsync());

        var stripe = TestStripe.Account(host.Stripe.BaseUrl, "sk_test_reminders");
        await stripe.V1.Invoices.PayAsync(invoice.StripeInvoiceId!, new InvoicePayOptions { PaymentMethod = "pm_card_visa" },
            stripe.Write("pay-" + invoice.Id));
        await scenario.DeliverAsync("invoice.paid", invoice.StripeInvoiceId!);
        await scenario.RunUntilQuietAsync();

        var instance = await scenario.InstanceAsync(invoice.StripeInvoiceId!);
        Assert.True(instance.Completed);
        Assert.Equal(ClosedBecause.Paid, ReminderScenario.StateOf(instance).Closed);
        host.Clock.AdjustTime(Utc(12, 20, 0, 0)); // past every slot of the schedule
        await scenario.RunUntilQuietAsync();
        Assert.Equal([$"reminders:{invoice.StripeInvoiceId}:-3"], (await scenario.OutboxAsync()).Select(e => e.IdempotencyKey));
    }

    [Fact]
    public async Task An_activity_crashing_after_queueing_its_reminder_is_retried_with_the_same_key_and_message_id_and_a_repeated_tick_sends_nothing()
    {
        host.Clock.AdjustTime(Utc(11, 20, 10, 0));
        var scenario = await ReminderScenario.CreateAsync(host, "Europe/Berlin");
        using var _ = scenario.World;
        var invoice = await scenario.SendInvoiceDueAsync(MonthEnd);
        await scenario.RunUntilQuietAsync();
        var crashesBefore = host.CrashingOutbox.Crashes;
        host.CrashingOutbox.CrashOnce();

        host.Clock.AdjustTime(Utc(11, 27, 8, 0));
        await scenario.RunUntilQuietAsync();

        Assert.Equal(crashesBefore + 1, host.CrashingOutbox.Crashes);
        var emails = await scenario.OutboxAsync();
        Assert.Equal(2, emails.Count); // the crashed activity's copy and the retry's: one key, one Message-ID, so the outbox sends one
        Assert.Single(emails.Select(e => (e.IdempotencyKey, e.Message.MessageId)).Distinct());
        Assert.Equal([-3], ReminderScenario.StateOf(await scenario.InstanceAsync(invoice.StripeInvoiceId!)).Sent);

        // The same moment told again (a second dev-clock tick, a redelivered message) finds the slot done.
        await scenario.RunUntilQuietAsync();
        Assert.Equal(2, (await scenario.OutboxAsync()).Count);

        host.Clock.AdjustTime(Utc(11, 30, 8, 0));
        await scenario.RunUntilQuietAsync();
        var queued = await scenario.OutboxAsync();
        Assert.Equal([$"reminders:{invoice.StripeInvoiceId}:+0"], queued.Skip(2).Select(e => e.IdempotencyKey));

        // The real dispatcher over a real SMTP server: three queued emails, two distinct, two delivered.
        await using var smtp = await MailDev.StartAsync();
        await OutboxDelivery.DispatchAsync(host, smtp.SmtpPort);
        var delivered = (await smtp.EmailsToAsync("billing@globex.example")).Select(e => e.MessageId?.Trim('<', '>')).ToList();
        foreach (var messageId in queued.Select(e => e.Message.MessageId.Trim('<', '>')).Distinct())
            Assert.Single(delivered, d => d == messageId);
    }

    [Fact]
    public async Task An_invoice_on_hold_skips_the_reminders_that_fall_due_while_held_and_gets_the_next_after_release()
    {
        host.Clock.AdjustTime(Utc(11, 20, 10, 0));
        var scenario = await ReminderScenario.CreateAsync(host, "Europe/Berlin");
        using var _ = scenario.World;
        var invoice = await scenario.SendInvoiceDueAsync(MonthEnd);
        (await scenario.World.RepA1.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/hold", new { reason = "disputed" })).EnsureSuccessStatusCode();

        host.Clock.AdjustTime(Utc(11, 27, 8, 0));
        await scenario.RunUntilQuietAsync();
        Assert.Empty(await scenario.OutboxAsync());

        (await scenario.World.RepA1.PostAsync($"/api/v1/invoices/{invoice.Id}/release", null)).EnsureSuccessStatusCode();
        host.Clock.AdjustTime(Utc(11, 30, 8, 0));
        await scenario.RunUntilQuietAsync();
        Assert.Equal([$"reminders:{invoice.StripeInvoiceId}:+0"], (await scenario.OutboxAsync()).Select(e => e.IdempotencyKey));
    }
}
