using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Reminders;

public abstract record ReminderEvent;

/// <summary>The reminder wake-up came due (or a sweep re-delivered it).</summary>
public sealed record ReminderWake : ReminderEvent;

public enum ClosedBecause { Paid, Voided, Held, Uncollectible }

/// <summary>The invoice no longer needs chasing.</summary>
public sealed record InvoiceClosed(ClosedBecause Reason) : ReminderEvent;

/// <summary>Send the reminder for this slot; the key ("reminders:{invoice}:{days}") makes a repeat a no-op in the outbox.</summary>
public sealed record SendReminder(int DaysFromDue, string IdempotencyKey);

/// <summary>
/// Reminders of one sent invoice. <see cref="Handled"/> counts schedule slots already sent or skipped. The tenant's
/// zone is kept by id (an IANA name) so the state stores as plain data.
/// </summary>
public sealed record ReminderState(
    string InvoiceId, DateOnly DueDate, ReminderSchedule Schedule, string TimeZoneId,
    int Handled, IReadOnlyList<int> Sent, ClosedBecause? Closed)
{
    public TenantCalendar Calendar() => new(TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId));

    /// <summary>Starts at sending time; slots already past then are skipped, since the invoice email itself just went out.</summary>
    public static ReminderState Start(string invoiceId, DateOnly dueDate, ReminderSchedule schedule, TenantCalendar calendar, DateTimeOffset now)
    {
        var past = schedule.DaysFromDue.Count(d => schedule.SendInstant(dueDate, d, calendar) <= now);
        return new(invoiceId, dueDate, schedule, calendar.TimeZone.Id, past, [], null);
    }

    /// <summary>When the next unhandled reminder goes out, or null when none is left or the invoice closed.</summary>
    public DateTimeOffset? NextSendAt => Closed is null && Handled < Schedule.DaysFromDue.Count
        ? Schedule.SendInstant(DueDate, Schedule.DaysFromDue[Handled], Calendar())
        : null;
}

public sealed record ReminderDecision(IReadOnlyList<SendReminder> Effects, ReminderState State, DateTimeOffset? NextWakeAt);

/// <summary>Overdue reminders as a pure decision, like dunning: the runtime sends, saves and sleeps until the next wake.</summary>
public static class ReminderProcess
{
    public static ReminderDecision Decide(ReminderState state, ReminderEvent evt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Closed is not null)
            return new([], state, null);
        if (evt is InvoiceClosed closed)
            return new([], state with { Closed = closed.Reason }, null);

        var days = state.Schedule.DaysFromDue;
        var calendar = state.Calendar();
        var due = state.Handled;
        while (due < days.Count && state.Schedule.SendInstant(state.DueDate, days[due], calendar) <= now)
            due++;
        if (due == state.Handled)
            return new([], state, state.NextSendAt);

        // After downtime several slots may be due at once; the customer gets only the latest, most accurate one.
        var latest = days[due - 1];
        var next = state with { Handled = due, Sent = [.. state.Sent, latest] };
        return new([new SendReminder(latest, $"reminders:{state.InvoiceId}:{latest:+0;-0;+0}")], next, next.NextSendAt);
    }
}
