using System.Text.Json;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Processes;
using BillingFunctions.Domain.Renewals;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// A renewal (one subscription, one period) as a Durable orchestration: decisions from <see cref="RenewalDecider"/>,
/// each effect performed by <see cref="RenewalEffects"/> in the kind's activity.
/// </summary>
public sealed class RenewalKind : ProcessKind<RenewalState, RenewalEvent, RenewalEffect>
{
    public static readonly RenewalKind Instance = new();

    private static readonly JsonSerializerOptions JsonOptions = ProcessJson.Create(
        (typeof(RenewalEvent), [(typeof(RenewalWoken), "woken"), (typeof(PeriodClaimed), "period_claimed"),
            (typeof(NothingToClaim), "nothing_to_claim"), (typeof(ClaimDeferred), "claim_deferred"), (typeof(InvoiceCreated), "invoice_created"),
            (typeof(InvoiceFinalized), "invoice_finalized"), (typeof(InvoicePaid), "invoice_paid"),
            (typeof(PaymentFailed), "payment_failed"), (typeof(InvoiceSent), "invoice_sent"), (typeof(PeriodAdvanced), "period_advanced")]),
        (typeof(RenewalEffect), [(typeof(ClaimPeriod), "claim_period"), (typeof(CreateInvoice), "create_invoice"),
            (typeof(FinalizeInvoice), "finalize_invoice"), (typeof(PayInvoice), "pay_invoice"), (typeof(SendInvoice), "send_invoice"),
            (typeof(AdvancePeriod), "advance_period")]));

    public override string Name => "renewal";
    public override RenewalEvent Woken { get; } = new RenewalWoken();
    public override JsonSerializerOptions Json => JsonOptions;

    public override Decision<RenewalState, RenewalEffect> Decide(RenewalState state, RenewalEvent @event, DateTimeOffset now) =>
        RenewalDecider.Decide(state, @event, now);

    public override string Describe(RenewalEffect effect) => $"{effect.GetType().Name} {effect.IdempotencyKey}";
}
