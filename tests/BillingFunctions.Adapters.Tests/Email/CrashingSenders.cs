using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Smtp;

namespace BillingFunctions.Adapters.Tests.Email;

/// <summary>Stands for the process dying: nothing in the dispatcher catches it.</summary>
internal sealed class SimulatedCrash(string where) : Exception($"simulated crash {where}");

internal enum CrashPoint { BeforeSending, WhileCommitting, AfterSending }

/// <summary>A real SMTP sender that "crashes" once at the chosen point, then behaves.</summary>
internal sealed class CrashingSender(SmtpEmailSenderOptions options, TimeProvider time, CrashPoint point) : SmtpEmailSender(options, time)
{
    private int _crashes;

    public override async Task SendAsync(EmailMessage message, Func<CancellationToken, Task>? beforeCommit,
        CancellationToken cancellationToken = default)
    {
        var crashNow = Interlocked.Increment(ref _crashes) == 1;
        if (crashNow && point == CrashPoint.BeforeSending)
            throw new SimulatedCrash("after the claim, before talking to the server");
        var hook = crashNow && point == CrashPoint.WhileCommitting
            ? async ct => { await beforeCommit!(ct); throw new SimulatedCrash("after recording the commit, before the final dot"); }
            : beforeCommit;
        await base.SendAsync(message, hook, cancellationToken);
        if (crashNow && point == CrashPoint.AfterSending)
            throw new SimulatedCrash("after the server accepted the message, before it was recorded");
    }
}
