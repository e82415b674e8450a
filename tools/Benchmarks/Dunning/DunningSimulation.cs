using BillingFunctions.Adapters.Dunning;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.Domain.Dunning;

namespace Benchmarks.Dunning;

/// <summary>The outcome of one failed invoice under one policy.</summary>
internal sealed record SimulationResult(FailureCase Case, bool Recovered, TimeSpan? TimeToRecover, int RetryCharges, int Emails, DunningStatus FinalStatus);

/// <summary>
/// Plays one failed invoice through the pure dunning decisions with every Stripe call going to the emulator,
/// jumping the clock from event to event (process wake-ups and the customer's reaction).
/// </summary>
internal sealed class DunningSimulation(StripeClient stripe, DunningPolicy policy, string run)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly StripeDunningActions _actions = new(stripe);

    public async Task<SimulationResult> RunAsync(FailureCase failure)
    {
        var key = $"bench:{run}:{failure.Index}";
        var (customer, invoice) = await FailedInvoiceAsync(key);
        var state = DunningState.New(invoice, policy);
        var now = Start;
        DateTimeOffset? wake = null, paidAt = null;
        var (charges, emails) = (0, 0);

        async Task DecideAsync(DunningEvent evt)
        {
            var pending = new Queue<DunningEvent>([evt]);
            while (pending.TryDequeue(out var next))
            {
                if (next is InvoicePaid) paidAt ??= now;
                var decision = DunningProcess.Decide(state, next, now);
                (state, wake) = (decision.State, decision.NextWakeAt);
                foreach (var effect in decision.Effects)
                {
                    if (effect is SendEmail) emails++;
                    if (effect is RetryCharge charge) { charges++; pending.Enqueue(await _actions.RetryChargeAsync(invoice, charge)); }
                    if (effect is MarkUncollectible mark) await _actions.MarkUncollectibleAsync(invoice, mark);
                }
            }
        }

        await DecideAsync(await FirstAttemptAsync(invoice, failure, key));
        var reactionAt = failure.Reaction == CustomerReaction.None ? (DateTimeOffset?)null : Start.AddDays(failure.ReactionAfterDays);
        while (wake is not null || reactionAt is not null)
        {
            if (reactionAt is { } at && (wake is null || at <= wake))
            {
                now = at;
                reactionAt = null;
                await ReactAsync(failure, customer, invoice, key, DecideAsync, () => paidAt ??= now);
            }
            else
            {
                now = wake!.Value;
                await DecideAsync(new Wake());
            }
        }
        return new(failure, paidAt is not null, paidAt - Start, charges, emails, state.Status);
    }

    private async Task ReactAsync(FailureCase failure, string customer, string invoice, string key, Func<DunningEvent, Task> decide, Action paid)
    {
        switch (failure.Reaction)
        {
            case CustomerReaction.FundsReturn:
                await UseGoodCardAsync(customer, key);
                break;
            case CustomerReaction.UpdatesCard:
                await UseGoodCardAsync(customer, key);
                await decide(new CardUpdated());
                break;
            case CustomerReaction.PaysOnHostedPage:
                await stripe.Invoices.PayAsync(invoice, new InvoicePayRequest { PaymentMethod = "pm_card_visa" }, key + ":hosted-page");
                paid();
                await decide(new InvoicePaid());
                break;
        }
    }

    private async Task<(string Customer, string Invoice)> FailedInvoiceAsync(string key)
    {
        var customer = await stripe.Customers.CreateAsync(new CustomerCreateRequest { Name = "Bench customer", Email = "bench@example.test" }, key + ":customer");
        var card = await stripe.PaymentMethods.AttachAsync("pm_card_chargeCustomerFail", new PaymentMethodAttachRequest { Customer = customer.Id }, key + ":attach");
        await stripe.Customers.UpdateAsync(customer.Id,
            new CustomerUpdateRequest { InvoiceSettings = new CustomerInvoiceSettingsRequest { DefaultPaymentMethod = card.Id } }, key + ":default");
        await stripe.InvoiceItems.CreateAsync(new InvoiceItemCreateRequest { Customer = customer.Id, Amount = 4900, Currency = "usd", Description = "Monthly plan" }, key + ":item");
        var draft = await stripe.Invoices.CreateAsync(new InvoiceCreateRequest { Customer = customer.Id, AutoAdvance = false, PendingInvoiceItemsBehavior = "include" }, key + ":invoice");
        var open = await stripe.Invoices.FinalizeAsync(draft.Id, new InvoiceFinalizeRequest(), key + ":finalize");
        return (customer.Id, open.Id);
    }

    private async Task<DunningEvent> FirstAttemptAsync(string invoice, FailureCase failure, string key)
    {
        if (failure.FirstDeclineCard is null)
            return await _actions.RetryChargeAsync(invoice, new RetryCharge(key + ":renewal"));
        try
        {
            await stripe.Invoices.PayAsync(invoice, new InvoicePayRequest { PaymentMethod = failure.FirstDeclineCard }, key + ":renewal");
            throw new InvalidOperationException($"{failure.FirstDeclineCard} was expected to decline.");
        }
        catch (CardException declined)
        {
            return new PaymentFailed(declined.DeclineCode ?? declined.Code);
        }
    }

    private async Task UseGoodCardAsync(string customer, string key)
    {
        var card = await stripe.PaymentMethods.AttachAsync("pm_card_visa", new PaymentMethodAttachRequest { Customer = customer }, key + ":new-card");
        await stripe.Customers.UpdateAsync(customer,
            new CustomerUpdateRequest { InvoiceSettings = new CustomerInvoiceSettingsRequest { DefaultPaymentMethod = card.Id } }, key + ":new-default");
    }
}
