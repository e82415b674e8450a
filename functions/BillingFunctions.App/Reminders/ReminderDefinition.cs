using System.Globalization;
using System.Text.Json;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Processes;
using BillingFunctions.Domain.Reminders;

namespace BillingFunctions.App.Reminders;

/// <summary>
/// Reminders of one sent invoice on the durable runtime: decisions from <see cref="ReminderProcess"/>, each reminder
/// onto the email outbox under the effect's key (<c>reminders:{invoice}:{days}</c>), so a repeated step is the
/// same email and the outbox sends it once.
/// </summary>
public sealed class ReminderDefinition(Lazy<ReminderEmails> emails) : ProcessDefinition<ReminderState, ReminderEvent, SendReminder>
{
    public static readonly JsonSerializerOptions JsonOptions = ProcessJson.Create(
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

    public override async Task<ReminderEvent> PerformAsync(ProcessRuntime<ReminderState, ReminderEvent, SendReminder> runtime, string tenant,
        SendReminder effect, CancellationToken cancellationToken)
    {
        await emails.Value.EnqueueAsync(tenant, InvoiceOf(effect), effect, cancellationToken).ConfigureAwait(false);
        // Sending has no outcome to decide on; a wake only re-checks the timer, which is not due yet.
        return Woken;
    }

    /// <summary>Keys are "reminders:{invoice}:{days}" (see ReminderProcess); Stripe invoice ids hold no colon.</summary>
    private static string InvoiceOf(SendReminder effect)
    {
        var parts = effect.IdempotencyKey.Split(':');
        return parts.Length == 3 && parts[0] == "reminders"
            ? parts[1]
            : throw new InvalidOperationException($"Effect key {effect.IdempotencyKey} names no reminded invoice.");
    }
}
