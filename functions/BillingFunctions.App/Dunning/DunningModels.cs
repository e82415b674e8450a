using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// A tenant's dunning policy on the wire. <c>RetryDelayDays</c>: days from one attempt to the next retry (at most
/// 10 retries, each 1 to 30 days, 60 days in all). <c>Subscription</c>: <c>pause</c>, <c>cancel</c> or <c>leave</c>
/// once every retry failed.
/// </summary>
public sealed record DunningSettingsRequest(IReadOnlyList<int>? RetryDelayDays, bool? MarkUncollectible, string? Subscription);

/// <summary>The policy in force; <c>IsDefault</c> when the tenant never set one.</summary>
public sealed record DunningSettingsResponse(IReadOnlyList<int> RetryDelayDays, bool MarkUncollectible, string Subscription, bool IsDefault,
    DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    public static DunningSettingsResponse From(DunningPolicy policy, DateTimeOffset? updatedAt, string? updatedBy) =>
        new([.. policy.RetryDelays.Select(d => (int)d.TotalDays)], policy.MarkUncollectible, Wire(policy.OnExhaustion), updatedAt is null,
            updatedAt, updatedBy);

    public static string Wire(SubscriptionOnExhaustion onExhaustion) => onExhaustion.ToString().ToLowerInvariant();
}

/// <summary>The policy a running process follows (copied from the tenant's when it started).</summary>
public sealed record DunningPolicyResponse(IReadOnlyList<int> RetryDelayDays, bool MarkUncollectible, string Subscription)
{
    public static DunningPolicyResponse From(DunningPolicy policy) =>
        new([.. policy.RetryDelays.Select(d => (int)d.TotalDays)], policy.MarkUncollectible, DunningSettingsResponse.Wire(policy.OnExhaustion));
}

/// <summary>One line of an invoice's dunning history: what happened at which step (a decline code for failures).</summary>
public sealed record DunningHistoryResponse(DateTimeOffset At, int Step, string Kind, string? DeclineCode);

/// <summary>
/// Where an invoice's dunning stands. <c>Status</c>: waiting_to_retry, charging, awaiting_new_card, recovered,
/// stopped, exhausted. <c>NextAttemptAt</c> is the next retry (or, awaiting a new card, the deadline for it).
/// </summary>
public sealed record InvoiceDunningResponse(string InvoiceId, string StripeInvoiceId, string Status, int Step, int RetriesUsed, int RetriesLeft,
    DateTimeOffset? StartedAt, DateTimeOffset? NextAttemptAt, string? LastDeclineCode, DunningPolicyResponse Policy,
    IReadOnlyList<DunningHistoryResponse> History)
{
    public static InvoiceDunningResponse From(string invoiceId, string stripeInvoiceId, DunningState state) => new(
        invoiceId, stripeInvoiceId, Snake(state.Status.ToString()), state.Step, state.RetriesUsed, Math.Max(0, state.RetriesLeft), state.StartedAt,
        state.Status == DunningStatus.AwaitingNewCard ? state.CardDeadline : state.IsFinished ? null : state.NextAttemptAt,
        state.LastDeclineCode, DunningPolicyResponse.From(state.Policy),
        [.. state.History.Select(h => new DunningHistoryResponse(h.At, h.Step, Snake(h.Kind.ToString()), h.DeclineCode))]);

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
