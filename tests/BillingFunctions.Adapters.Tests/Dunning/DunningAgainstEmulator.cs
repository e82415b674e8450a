using BillingFunctions.Adapters.Dunning;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.Adapters.Tests.Dunning;

/// <summary>
/// Runs the pure dunning decisions against the real emulator, performing Stripe effects and feeding their
/// outcomes back, with the clock jumped to each wake-up (the durable runtime's queues are not involved).
/// </summary>
internal sealed class DunningAgainstEmulator(StripeAccount stripe, string invoiceId, DunningPolicy policy)
{
    private readonly StripeDunningActions _actions = new(stripe);

    public DunningState State { get; private set; } = DunningState.New(invoiceId, policy);
    public DateTimeOffset Now { get; private set; } = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    public DateTimeOffset? NextWake { get; private set; }
    public List<DunningEffect> Effects { get; } = [];

    public async Task OnAsync(DunningEvent evt)
    {
        var pending = new Queue<DunningEvent>([evt]);
        while (pending.TryDequeue(out var next))
        {
            var decision = DunningProcess.Decide(State, next, Now);
            (State, NextWake) = (decision.State, decision.NextWakeAt);
            Effects.AddRange(decision.Effects);
            foreach (var effect in decision.Effects)
            {
                if (effect is RetryCharge charge)
                    pending.Enqueue(await _actions.RetryChargeAsync(invoiceId, charge));
                if (effect is MarkUncollectible mark)
                    await _actions.MarkUncollectibleAsync(invoiceId, mark);
            }
        }
    }

    public Task WakeWhenDueAsync()
    {
        Now = NextWake ?? throw new InvalidOperationException("No wake-up is pending.");
        return OnAsync(new Wake());
    }
}
