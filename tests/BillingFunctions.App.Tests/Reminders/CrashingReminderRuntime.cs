using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Reminders;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.Domain.Reminders;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingFunctions.App.Tests.Reminders;

/// <summary>The app's reminder runtime, except that its first reminder "crashes" the step right after reaching the real outbox queue.</summary>
internal sealed class CrashingReminderRuntime
{
    private CrashingReminderRuntime(ProcessRuntime<ReminderState, ReminderEvent, SendReminder> runtime, CrashAfterEnqueue outbox) =>
        (Runtime, _outbox) = (runtime, outbox);

    private readonly CrashAfterEnqueue _outbox;

    public ProcessRuntime<ReminderState, ReminderEvent, SendReminder> Runtime { get; }
    public int Crashes => _outbox.Crashes;

    public static CrashingReminderRuntime Create(ReminderHost host, QueueClient wakeups)
    {
        var services = host.Services;
        var outbox = new CrashAfterEnqueue(host.Outbox);
        var emails = new ReminderEmails(services.GetRequiredService<TenantDirectory>(), services.GetRequiredService<TenantStripe>(),
            services.GetRequiredService<InvoiceStore>(), outbox, services.GetRequiredService<CustomerEmailComposer>(),
            new EmailAddress("billing@billing-functions.local"), NullLogger<ReminderEmails>.Instance);
        var store = new ProcessStore(new TableClient(ApiHost.AzuriteConnectionString, host.ProcessTable));
        return new(new(store, wakeups, new ReminderDefinition(new(emails)), host.Clock, NullLogger.Instance), outbox);
    }

    private sealed class CrashAfterEnqueue(QueueClient queue) : EmailOutbox(queue)
    {
        private int _calls;
        public int Crashes => Math.Min(Volatile.Read(ref _calls), 1);

        public override async Task EnqueueAsync(OutboxEmail email, TimeSpan? delay = null, CancellationToken cancellationToken = default)
        {
            await base.EnqueueAsync(email, delay, cancellationToken);
            if (Interlocked.Increment(ref _calls) == 1) throw new InvalidOperationException("simulated crash after the email reached the outbox");
        }
    }
}
