using System.Text.Json;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Processes;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// Dunning of one failed invoice as a Durable orchestration: decisions from <see cref="DunningProcess"/>, each effect
/// performed by <see cref="DunningEffects"/> in the kind's activity under the key the decision gave it.
/// </summary>
public sealed class DunningKind : ProcessKind<DunningState, DunningEvent, DunningEffect>
{
    public static readonly DunningKind Instance = new();

    private static readonly JsonSerializerOptions JsonOptions = ProcessJson.Create(
        (typeof(DunningEvent), [(typeof(PaymentFailed), "payment_failed"), (typeof(Wake), "wake"), (typeof(InvoicePaid), "invoice_paid"),
            (typeof(InvoiceVoided), "invoice_voided"), (typeof(InvoiceHeld), "invoice_held"), (typeof(CardUpdated), "card_updated")]),
        (typeof(DunningEffect), [(typeof(RetryCharge), "retry_charge"), (typeof(SendEmail), "send_email"), (typeof(NotifyRep), "notify_rep"),
            (typeof(MarkUncollectible), "mark_uncollectible"), (typeof(PauseSubscription), "pause_subscription"),
            (typeof(CancelSubscription), "cancel_subscription")]));

    public override string Name => "dunning";
    public override DunningEvent Woken { get; } = new Wake();
    public override JsonSerializerOptions Json => JsonOptions;

    public override Decision<DunningState, DunningEffect> Decide(DunningState state, DunningEvent @event, DateTimeOffset now)
    {
        var decision = DunningProcess.Decide(state, @event, now);
        return new(decision.State, decision.Effects, decision.NextWakeAt);
    }

    public override string Describe(DunningEffect effect) => effect switch
    {
        SendEmail email => $"SendEmail {email.Kind} {email.IdempotencyKey}",
        NotifyRep rep => $"NotifyRep {rep.Notice} {rep.IdempotencyKey}",
        _ => $"{effect.GetType().Name} {effect.IdempotencyKey}",
    };

    /// <summary>Keys are "dunning:{invoice}:{step}:{kind}" (see DunningKeys); Stripe invoice ids hold no colon.</summary>
    public static string InvoiceOf(DunningEffect effect)
    {
        var parts = effect.IdempotencyKey.Split(':');
        return parts.Length >= 3 && parts[0] == "dunning"
            ? parts[1]
            : throw new InvalidOperationException($"Effect key {effect.IdempotencyKey} names no dunning invoice.");
    }
}
