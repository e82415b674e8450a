using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Processes;
using BillingFunctions.Domain.Subscriptions;

namespace BillingFunctions.Domain.Renewals;

/// <summary>
/// The renewal process as a pure function of (state, event, now): wait for the period start, create the
/// invoice with its lines, finalize it, charge or send it, advance the subscription, then wait for payment
/// if it is still owed. One effect per decision; its outcome is the next event.
/// </summary>
public static class RenewalDecider
{
    /// <summary>How long a sent or declined invoice is watched before dunning alone owns it.</summary>
    public static readonly TimeSpan DefaultPaymentWindow = TimeSpan.FromDays(30);

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
            (RenewalPhase.Waiting, RenewalWoken) => Bill(state, now),
            (RenewalPhase.Creating, InvoiceCreated created) => Next(state with { StripeInvoiceId = created.InvoiceId, Phase = RenewalPhase.Finalizing },
                key => new FinalizeInvoice(key, created.InvoiceId), now),
            (RenewalPhase.Finalizing, InvoiceFinalized { Status: "paid" }) => Advance(state with { Paid = true }, now),
            (RenewalPhase.Finalizing, InvoiceFinalized finalized) => Collect(state, finalized.InvoiceId, now),
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
                Decision<RenewalState, RenewalEffect>.Complete(state with { Phase = RenewalPhase.Done, Outcome = "unpaid at the deadline; left to dunning" }),
            _ => Stay(state, now),
        };
    }

    private static Decision<RenewalState, RenewalEffect> Bill(RenewalState state, DateTimeOffset now)
    {
        var subscription = Subscription.Restore(state.Subscription);
        // Billed as of the period start, not the moment we got round to it: downtime changes nothing.
        var renewal = subscription.Renew(state.DueAt);
        if (!renewal.IsSuccess)
        {
            return Decision<RenewalState, RenewalEffect>.Complete(state with { Phase = RenewalPhase.Done, Outcome = $"nothing to bill: {renewal.Error!.Message}" });
        }
        var billed = state with { Renewed = subscription.ToSnapshot(), Invoice = renewal.Value };
        if (renewal.Value.Lines.Count == 0) return Advance(billed, now);
        var sub = state.Subscription;
        return Next(billed with { Phase = RenewalPhase.Creating }, key => new CreateInvoice(key, state.StripeCustomer, sub.Id,
            sub.Collection, sub.DaysUntilDue, sub.Plan.Currency, renewal.Value.Period, renewal.Value.Lines), now);
    }

    private static Decision<RenewalState, RenewalEffect> Collect(RenewalState state, string invoiceId, DateTimeOffset now) =>
        state.Subscription.Collection == CollectionMethod.ChargeAutomatically
            ? Next(state with { Phase = RenewalPhase.Collecting }, key => new PayInvoice(key, invoiceId), now)
            : Next(state with { Phase = RenewalPhase.Collecting }, key => new SendInvoice(key, invoiceId), now);

    private static Decision<RenewalState, RenewalEffect> Advance(RenewalState state, DateTimeOffset now)
    {
        var renewed = state.Renewed!;
        return Next(state with { Phase = RenewalPhase.Advancing },
            key => new AdvancePeriod(key, state.StripeCustomer, renewed, Subscription.Restore(renewed).NextRenewalAt), now);
    }

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
        state.DueAt + (state.Subscription.DaysUntilDue is { } days ? TimeSpan.FromDays(days) : DefaultPaymentWindow);
}
