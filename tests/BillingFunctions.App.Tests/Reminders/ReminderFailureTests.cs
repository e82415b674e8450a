using System.Net;
using System.Text.Json;
using BillingFunctions.Adapters.Tests.Email;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Reminders;
using BillingFunctions.App.Tests.Testing;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Tests.Reminders;

/// <summary>
/// A reminder whose effect keeps failing, as an operator sees it through the admin API: the activity is tried six times
/// over about a minute (2 s doubling), then the instance ends Failed with its error; restarted once the fault is fixed, it
/// sends the reminder once. Runs on real retry delays, so it takes over a minute.
/// </summary>
public sealed class ReminderFailureTests(ReminderHost host) : IClassFixture<ReminderHost>
{
    private const string Outage = "simulated outage: the outbox queue cannot be reached";

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_reminder_that_keeps_failing_ends_its_instance_failed_with_the_error_and_a_restart_after_the_fix_sends_it_once()
    {
        host.Clock.AdjustTime(Utc(11, 20, 10));
        var scenario = await ReminderScenario.CreateAsync(host, "Europe/Berlin");
        using var _ = scenario.World;
        var invoice = await scenario.SendInvoiceDueAsync(new DateOnly(2026, 11, 30)); // first reminder 27 Nov, 09:00 in Berlin
        await scenario.RunUntilQuietAsync();
        var instanceId = ReminderKind.InstanceIdFor(invoice.StripeInvoiceId!);
        var path = $"/api/processes/{scenario.Tenant}/{Uri.EscapeDataString(instanceId)}";
        var key = $"reminders:{invoice.StripeInvoiceId}:-3";
        using var admin = host.NewClient();

        host.CrashingOutbox.GoOut();
        host.Clock.AdjustTime(Utc(11, 27, 8));
        await ProcessInstances.TickAsync(host.Services.GetRequiredService<DurableTaskClient>(), host.Clock.GetUtcNow(), scenario.Tenant,
            CancellationToken.None);
        var failed = await FailedAsync(admin, scenario.Tenant, instanceId, TimeSpan.FromMinutes(3));

        // Listed among the failed ones with its error; shown as failed.
        Assert.Contains(Outage, failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var view = JsonDocument.Parse(await admin.GetStringAsync(path)).RootElement;
        Assert.Equal("Failed", view.GetProperty("runtimeStatus").GetString());
        Assert.Contains(Outage, view.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, host.CrashingOutbox.Refused);
        Assert.Empty(await scenario.OutboxAsync());

        // Its history: the reminder tried six times, each failure with its error, and the end with the last.
        var history = JsonDocument.Parse(await admin.GetStringAsync(path + "/history")).RootElement;
        Assert.Contains(Outage, history.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var events = history.GetProperty("events").EnumerateArray().ToList();
        var tries = events.Where(e => Text(e, "event") == "TaskScheduled").ToList();
        Assert.Equal(6, tries.Count);
        Assert.All(tries, e => Assert.Equal(("reminders-effect", key), (Text(e, "name"), Text(e, "effect"))));
        var failures = events.Where(e => Text(e, "event") == "TaskFailed").ToList();
        Assert.Equal(6, failures.Count);
        Assert.All(failures, e => Assert.Equal(("reminders-effect", Outage), (Text(e, "name"), Text(e, "error"))));
        Assert.Equal(("ExecutionCompleted", "Failed"), (Text(events[^1], "event"), Text(events[^1], "outcome")));
        Assert.Contains(Outage, Text(events[^1], "error"), StringComparison.Ordinal);

        // The fault fixed, a restart starts it over from its input; the reminder goes out under its key, once.
        host.CrashingOutbox.ComeBack();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(path + "/restart", null)).StatusCode);
        await Eventually.TrueAsync(async () => Text(JsonDocument.Parse(await admin.GetStringAsync(path)).RootElement, "runtimeStatus") != "Failed",
            "the instance runs again");
        await scenario.RunUntilQuietAsync();
        var queued = await scenario.OutboxAsync();
        Assert.Equal([key], queued.Select(e => e.IdempotencyKey));
        var restarted = await scenario.InstanceAsync(invoice.StripeInvoiceId!);
        Assert.Equal(OrchestrationRuntimeStatus.Running, restarted.Status);
        Assert.Equal([-3], ReminderScenario.StateOf(restarted).Sent);

        await using var smtp = await MailDev.StartAsync();
        await OutboxDelivery.DispatchAsync(host, smtp.SmtpPort);
        var delivered = (await smtp.EmailsToAsync("billing@globex.example")).Select(e => e.MessageId?.Trim('<', '>'));
        Assert.Single(delivered, d => d == queued[0].Message.MessageId.Trim('<', '>'));
    }

    /// <summary>Polls the tenant's failed reminders (once a second) until the instance is among them; returns its list item.</summary>
    private static async Task<JsonElement> FailedAsync(HttpClient admin, string tenant, string instanceId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var page = JsonDocument.Parse(await admin.GetStringAsync($"/api/processes/{tenant}?kind=reminders&status=Failed")).RootElement;
            foreach (var item in page.GetProperty("items").EnumerateArray())
                if (Text(item, "instanceId") == instanceId) return item.Clone();
            if (DateTime.UtcNow > deadline) Assert.Fail($"{instanceId} did not fail within {timeout}.");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();
}
