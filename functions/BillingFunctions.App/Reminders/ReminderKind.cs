using System.Globalization;
using System.Text.Json;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Processes;
using BillingFunctions.Domain.Reminders;

namespace BillingFunctions.App.Reminders;

/// <summary>
/// Reminders of one sent invoice as a Durable orchestration: decisions from <see cref="ReminderProcess"/>, each
/// reminder put on the email outbox by an activity under the effect's key (<c>reminders:{invoice}:{days}</c>), so a
/// repeated activity is the same email and the outbox sends it once.
/// </summary>
public sealed class ReminderKind : ProcessKind<ReminderState, ReminderEvent, SendReminder>
{
    public static readonly ReminderKind Instance = new();

    private static readonly JsonSerializerOptions JsonOptions = ProcessJson.Create(
        (typeof(ReminderEvent), [(typeof(ReminderWake), "wake"), (typeof(InvoiceClosed), "invoice_closed")]));

    public override string Name => "reminders";
    public override ReminderEvent Woken { get; } = new ReminderWake();
    public override JsonSerializerOptions Json => JsonOptions;

    /// <summary>One instance per Stripe invoice, so the second <c>invoice.sent</c> finds the first's.</summary>
    public static string InstanceIdFor(string stripeInvoiceId) => $"reminders:{stripeInvoiceId}";

    public override Decision<ReminderState, SendReminder> Decide(ReminderState state, ReminderEvent @event, DateTimeOffset now)
    {
        var decision = ReminderProcess.Decide(state, @event, now);
        return new(decision.State, decision.Effects, decision.NextWakeAt);
    }

    public override string Describe(SendReminder effect) =>
        $"SendReminder {effect.DaysFromDue.ToString("+0;-0;+0", CultureInfo.InvariantCulture)} {effect.IdempotencyKey}";

    /// <summary>Keys are "reminders:{invoice}:{days}" (see ReminderProcess); Stripe invoice ids hold no colon.</summary>
    public static string InvoiceOf(SendReminder effect)
    {
        var parts = effect.IdempotencyKey.Split(':');
        return parts.Length == 3 && parts[0] == "reminders"
            ? parts[1]
            : throw new InvalidOperationException($"Effect key {effect.IdempotencyKey} names no reminded invoice.");
    }
}
