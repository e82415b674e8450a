using BillingFunctions.Domain.Notifications;

namespace BillingFunctions.Domain.Dunning;

/// <summary>
/// A side effect the runtime performs. The key is "{instance}:{step}:{kind}", so a step that is
/// retried after a crash repeats its effects with the same keys and Stripe or the outbox drops the repeat.
/// </summary>
public abstract record DunningEffect(string IdempotencyKey);

/// <summary>Charge the invoice again (Stripe: pay invoice with this Idempotency-Key).</summary>
public sealed record RetryCharge(string IdempotencyKey) : DunningEffect(IdempotencyKey);

public sealed record SendEmail(EmailKind Kind, string IdempotencyKey) : DunningEffect(IdempotencyKey);

public enum RepNotice { PaymentFailed, CardUpdateNeeded, Recovered, Exhausted }

/// <summary>Tell the customer's owner rep (in the CRM) what happened.</summary>
public sealed record NotifyRep(RepNotice Notice, string IdempotencyKey) : DunningEffect(IdempotencyKey);

public sealed record MarkUncollectible(string IdempotencyKey) : DunningEffect(IdempotencyKey);

public sealed record PauseSubscription(string IdempotencyKey) : DunningEffect(IdempotencyKey);

public sealed record CancelSubscription(string IdempotencyKey) : DunningEffect(IdempotencyKey);
