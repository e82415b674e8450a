using Azure.Storage.Queues;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.Reminders;

/// <summary>The app in-process, its reminders on its own task hub, with an outbox a test can make crash once or fail.</summary>
public sealed class ReminderHost : ApiHost
{
    public CrashingOutbox CrashingOutbox { get; private set; } = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        CrashingOutbox = new CrashingOutbox(Outbox);
        services.AddSingleton<EmailOutbox>(CrashingOutbox);
    }
}

/// <summary>
/// The real outbox queue, except that once armed, the next email "crashes" its caller right after reaching the queue, and
/// while out, every email fails before reaching it (an outage, or a bug, that does not pass by itself).
/// </summary>
public sealed class CrashingOutbox(QueueClient queue) : EmailOutbox(queue)
{
    private int _armed;
    private int _crashes;
    private int _out;
    private int _refused;

    public int Crashes => Volatile.Read(ref _crashes);

    /// <summary>Emails refused while out.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public void CrashOnce() => Interlocked.Exchange(ref _armed, 1);

    public void GoOut() => Interlocked.Exchange(ref _out, 1);

    public void ComeBack() => Interlocked.Exchange(ref _out, 0);

    public override async Task EnqueueAsync(OutboxEmail email, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _out) == 1)
        {
            Interlocked.Increment(ref _refused);
            throw new InvalidOperationException("simulated outage: the outbox queue cannot be reached");
        }
        await base.EnqueueAsync(email, delay, cancellationToken);
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Interlocked.Increment(ref _crashes);
            throw new InvalidOperationException("simulated crash after the email reached the outbox");
        }
    }
}
