using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Processes;

namespace BillingFunctions.Domain.Renewals;

/// <summary>
/// The renewal process as a pure function of (state, event, now): wait for the period start, claim the period on
/// the stored subscription (which fixes the lines), create the CRM invoice with them, build and finalize it in Stripe, charge or send it,
/// release the subscription and start the next period's renewal, then wait for payment if it is still owed.
/// One effect per decision; its outcome is the next event.
/// </summary>
public static class RenewalDecider
{
    /// <summary>How long a sent or declined invoice is watched before dunning alone owns it.</summary>
    public static readonly TimeSpan DefaultPaymentWindow = TimeSpan.FromDays(30);

    /// <summary>How long a renewal waits when the previous period's renewal still holds the subscription.</summary>
    public static readonly TimeSpan ClaimRetryDelay = TimeSpan.FromMinutes(1);

    public static Decision<RenewalState, RenewalEffect> Decide(RenewalState state, RenewalEvent @event, DateTimeOffset now)
    {
        if (@event is InvoicePaid paid && state.Phase is not (RenewalPhase.Collecting or RenewalPhase.AwaitingPayment))
        {
            // A webhook can overtake our own pay call; remember it, the step it belongs to comes anyway.
            return Stay(state with { Paid = state.Paid || paid.InvoiceId == state.StripeInvoiceId }, now);
        }

        return (state.Phase, @event) switch
        {
            (RenewalPhase.Waiting, RenewalWoken) when now < state.DueAt => Decision<RenewalState, RenewalEffect>.Sleep(state, state.DueAt),
            // Billed as the stored subscription stands when the period is claimed, not as it stood when this started.
            (RenewalPhase.Waiting, RenewalWoken) => Next(state with { Phase = RenewalPhase.Claiming },
                key => new ClaimPeriod(key, state.InstanceId, state.Subscription, state.DueAt), now),
            (RenewalPhase.Claiming, PeriodClaimed claim) => Claimed(state, claim, now),
            (RenewalPhase.Claiming, NothingToClaim nothing) =>
                Decision<RenewalState, RenewalEffect>.Complete(state with { Phase = RenewalPhase.Done,
                    Outcome = $"nothing to bill: {nothing.Reason}" }),
            (RenewalPhase.Claiming, ClaimDeferred) =>
                Decision<RenewalState, RenewalEffect>.Sleep(state with { Phase = RenewalPhase.Waiting }, now + ClaimRetryDelay),
            (RenewalPhase.Creating, InvoiceCreated created) => Next(state with { Phase = RenewalPhase.Finalizing },
                key => new FinalizeInvoice(key, created.InvoiceId, state.Claim!.StripeCustomer, state.Subscription, state.DueAt), now),
            (RenewalPhase.Finalizing, InvoiceFinalized { Status: "paid" } finalized) =>
                Advance(state with { StripeInvoiceId = finalized.InvoiceId, Paid = true }, now),
            (RenewalPhase.Finalizing, InvoiceFinalized finalized) => Collect(state with { StripeInvoiceId = finalized.InvoiceId }, now),
            (RenewalPhase.Collecting, InvoicePaid) => Advance(state with { Paid = true }, now),
            (RenewalPhase.Collecting, PaymentFailed failed) => Advance(state with { Outcome = $"payment failed: {failed.DeclineCode}" }, now),
            (RenewalPhase.Collecting, InvoiceSent) => Advance(state, now),
            (RenewalPhase.Advancing, PeriodAdvanced) when state.Paid || state.StripeInvoiceId is null =>
                Decision<RenewalState, RenewalEffect>.Complete(state with { Phase = RenewalPhase.Done, Outcome = state.Outcome ?? "paid" }),
            (RenewalPhase.Advancing, PeriodAdvanced) => Decision<RenewalState, RenewalEffect>.Sleep(
                state with { Phase = RenewalPhase.AwaitingPayment }, PaymentDeadline(state)),
            (RenewalPhase.AwaitingPayment, InvoicePaid p) when p.InvoiceId == state.StripeInvoiceId =>
                Decision<RenewalState, RenewalEffect>.Complete(state with { Phase = RenewalPhase.Done, Paid = true, Outcome = "paid" }),
            (RenewalPhase.AwaitingPayment, RenewalWoken) when now >= PaymentDeadline(state) =>
                Decision<RenewalState, RenewalEffect>.Complete(state with { Phase = RenewalPhase.Done,
                    Outcome = "unpaid at the deadline; left to dunning" }),
            _ => Stay(state, now),
        };
    }

    private static Decision<RenewalState, RenewalEffect> Claimed(RenewalState state, PeriodClaimed claim, DateTimeOffset now)
    {
        var claimed = state with { Claim = claim };
        if (claim.Invoice.Lines.Count == 0) return Advance(claimed with { Outcome = "nothing to bill in this period" }, now);
        return Next(claimed with { Phase = RenewalPhase.Creating }, key => new CreateInvoice(key, state.InvoiceId,
            claim.StripeCustomer, state.Subscription,
            claim.Collection, claim.DaysUntilDue, claim.Currency, claim.Invoice.Period, claim.Invoice.Lines), now);
    }

    private static Decision<RenewalState, RenewalEffect> Collect(RenewalState state, DateTimeOffset now) =>
        state.Claim!.Collection == CollectionMethod.ChargeAutomatically
            ? Next(state with { Phase = RenewalPhase.Collecting }, key => new PayInvoice(key, state.InvoiceId, state.StripeInvoiceId!), now)
            : Next(state with { Phase = RenewalPhase.Collecting }, key => new SendInvoice(key, state.InvoiceId, state.StripeInvoiceId!), now);

    private static Decision<RenewalState, RenewalEffect> Advance(RenewalState state, DateTimeOffset now) =>
        Next(state with { Phase = RenewalPhase.Advancing },
            key => new AdvancePeriod(key, state.InstanceId, state.Subscription, state.Claim!.NextRenewalAt), now);

    private static Decision<RenewalState, RenewalEffect> Next(RenewalState state, Func<string, RenewalEffect> effect, DateTimeOffset now) =>
        Decision<RenewalState, RenewalEffect>.Perform(state with { Step = state.Step + 1 }, effect(state.NextKey), now);

    /// <summary>Nothing to do for this event; keep the wake-up the phase already had.</summary>
    private static Decision<RenewalState, RenewalEffect> Stay(RenewalState state, DateTimeOffset now) => state.Phase switch
    {
        RenewalPhase.Done => Decision<RenewalState, RenewalEffect>.Complete(state),
        RenewalPhase.Waiting => Decision<RenewalState, RenewalEffect>.Sleep(state, state.DueAt),
        RenewalPhase.AwaitingPayment => Decision<RenewalState, RenewalEffect>.Sleep(state, PaymentDeadline(state)),
        // Mid-flight phases always have an outcome waiting; should one not, look again later rather than spin.
        _ => Decision<RenewalState, RenewalEffect>.Sleep(state, now.AddHours(1)),
    };

    private static DateTimeOffset PaymentDeadline(RenewalState state) =>
        state.DueAt + (state.Claim?.DaysUntilDue is { } days ? TimeSpan.FromDays(days) : DefaultPaymentWindow);
}
