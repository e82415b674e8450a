using BillingFunctions.Adapters.Dunning;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.Domain.Dunning;
using Stripe;

namespace Benchmarks.Dunning;

/// <summary>The outcome of one failed invoice under one policy.</summary>
internal sealed record SimulationResult(FailureCase Case, bool Recovered, TimeSpan? TimeToRecover, int RetryCharges, int Emails,
    DunningStatus FinalStatus);

/// <summary>
/// Plays one failed invoice through the pure dunning decisions with every Stripe call going to the emulator,
/// jumping the clock from event to event (process wake-ups and the customer's reaction).
/// </summary>
internal sealed class DunningSimulation(StripeAccount stripe, DunningPolicy policy, string run)
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
                await stripe.V1.Invoices.PayAsync(invoice, new InvoicePayOptions { PaymentMethod = "pm_card_visa" },
                    stripe.Write(key + ":hosted-page"));
                paid();
                await decide(new InvoicePaid());
                break;
        }
    }

    private async Task<(string Customer, string Invoice)> FailedInvoiceAsync(string key)
    {
        var customer = await stripe.V1.Customers.CreateAsync(new CustomerCreateOptions { Name = "Bench customer", Email = "bench@example.test" },
            stripe.Write(key + ":customer"));
        var card = await stripe.V1.PaymentMethods.AttachAsync("pm_card_chargeCustomerFail", new PaymentMethodAttachOptions { Customer = customer.Id },
            stripe.Write(key + ":attach"));
        await stripe.V1.Customers.UpdateAsync(customer.Id,
            new CustomerUpdateOptions { InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = card.Id } },
            stripe.Write(key + ":default"));
        await stripe.V1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions { Customer = customer.Id, Amount = 4900, Currency = "usd",
            Description = "Monthly plan" }, stripe.Write(key + ":item"));
        var draft = await stripe.V1.Invoices.CreateAsync(new InvoiceCreateOptions { Customer = customer.Id, AutoAdvance = false,
            PendingInvoiceItemsBehavior = "include" }, stripe.Write(key + ":invoice"));
        var open = await stripe.V1.Invoices.FinalizeInvoiceAsync(draft.Id, new InvoiceFinalizeOptions(), stripe.Write(key + ":finalize"));
        return (customer.Id, open.Id);
    }

    private async Task<DunningEvent> FirstAttemptAsync(string invoice, FailureCase failure, string key)
    {
        if (failure.FirstDeclineCard is null)
            return await _actions.RetryChargeAsync(invoice, new RetryCharge(key + ":renewal"));
        try
        {
            await stripe.V1.Invoices.PayAsync(invoice, new InvoicePayOptions { PaymentMethod = failure.FirstDeclineCard },
                stripe.Write(key + ":renewal"));
            throw new InvalidOperationException($"{failure.FirstDeclineCard} was expected to decline.");
        }
        catch (StripeException declined) when (declined.IsCardError())
        {
            return new PaymentFailed(declined.DeclineCode());
        }
    }

    private async Task UseGoodCardAsync(string customer, string key)
    {
        var card = await stripe.V1.PaymentMethods.AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = customer },
            stripe.Write(key + ":new-card"));
        await stripe.V1.Customers.UpdateAsync(customer,
            new CustomerUpdateOptions { InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = card.Id } },
            stripe.Write(key + ":new-default"));
    }
}
