using System.Security.Cryptography;
using System.Text;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Processes;

namespace BillingFunctions.App.MonthEnd;

public abstract record MonthEndInvoicingEvent;
public sealed record MonthEndWoken : MonthEndInvoicingEvent;
public sealed record CrmInvoiceCreated : MonthEndInvoicingEvent;
public sealed record InvoiceFinalized(string StripeInvoiceId, string Status) : MonthEndInvoicingEvent;
/// <summary>The charge's outcome: paid, or declined with the card's decline code (the invoice stays open for dunning).</summary>
public sealed record InvoiceCharged(bool Paid, string? DeclineCode) : MonthEndInvoicingEvent;
public sealed record EntryInvoiced : MonthEndInvoicingEvent;
public sealed record InvoiceEmailQueued : MonthEndInvoicingEvent;

/// <summary>Each effect carries the key that makes repeating it harmless, and the process as it stood when deciding it.</summary>
public abstract record MonthEndInvoicingEffect(string IdempotencyKey, MonthEndInvoicingState Process);
public sealed record CreateCrmInvoice(string IdempotencyKey, MonthEndInvoicingState Process) : MonthEndInvoicingEffect(IdempotencyKey, Process);
public sealed record FinalizeInStripe(string IdempotencyKey, MonthEndInvoicingState Process) : MonthEndInvoicingEffect(IdempotencyKey, Process);
public sealed record ChargeDefaultCard(string IdempotencyKey, MonthEndInvoicingState Process) : MonthEndInvoicingEffect(IdempotencyKey, Process);
public sealed record RecordEntryInvoiced(string IdempotencyKey, MonthEndInvoicingState Process) : MonthEndInvoicingEffect(IdempotencyKey, Process);
public sealed record QueueInvoiceEmail(string IdempotencyKey, MonthEndInvoicingState Process) : MonthEndInvoicingEffect(IdempotencyKey, Process);

/// <summary>
/// One approval's invoicing: which entry, what to bill, and how far it got. The CRM invoice id is derived from the
/// approval's idempotency key, so creating it again after a crash finds the one created before.
/// </summary>
public sealed record MonthEndInvoicingState
{
    public required string EntryId { get; init; }
    public required string CustomerId { get; init; }
    public required string Period { get; init; }
    public required long AmountMinor { get; init; }
    public required Currency Currency { get; init; }
    public required string Description { get; init; }
    public required string IdempotencyKey { get; init; }
    public required string InvoiceId { get; init; }
    public bool InvoiceCreated { get; init; }
    public string? StripeInvoiceId { get; init; }
    public bool? Paid { get; init; }
    public string? DeclineCode { get; init; }
    public bool EntryRecorded { get; init; }
    public bool EmailQueued { get; init; }

    /// <summary>The instance id is the approval's key: one process per approved version of an entry.</summary>
    public string InstanceId => IdempotencyKey;

    public static MonthEndInvoicingState Start(MonthEndInvoiceRequest request) => new()
    {
        EntryId = request.Entry.Value, CustomerId = request.Customer.Value, Period = request.Period.ToString(),
        AmountMinor = request.Amount.Minor, Currency = request.Amount.Currency, Description = request.Description,
        IdempotencyKey = request.IdempotencyKey, InvoiceId = InvoiceIdFor(request.IdempotencyKey),
    };

    public static string InvoiceIdFor(string idempotencyKey) =>
        "inv_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..20];
}

/// <summary>
/// The decision, pure: create the CRM invoice, finalize it in Stripe, charge the default card, record the entry
/// invoiced, email the customer; each once, in that order. A decline does not stop the rest: the invoice exists and
/// is the customer's to pay (the email links to it), and dunning follows Stripe's payment_failed event.
/// </summary>
public static class MonthEndInvoicingDecider
{
    public static Decision<MonthEndInvoicingState, MonthEndInvoicingEffect> Decide(MonthEndInvoicingState state,
        MonthEndInvoicingEvent @event, DateTimeOffset now)
    {
        var s = Apply(state, @event);
        var key = s.IdempotencyKey;
        MonthEndInvoicingEffect? next =
            !s.InvoiceCreated ? new CreateCrmInvoice($"{key}:create", s)
            : s.StripeInvoiceId is null ? new FinalizeInStripe($"{key}:finalize", s)
            : s.Paid is null ? new ChargeDefaultCard($"{key}:pay", s)
            : !s.EntryRecorded ? new RecordEntryInvoiced($"{key}:record", s)
            : !s.EmailQueued ? new QueueInvoiceEmail($"{key}:email", s)
            : null;
        return next is null ? Decision<MonthEndInvoicingState, MonthEndInvoicingEffect>.Complete(s)
            : Decision<MonthEndInvoicingState, MonthEndInvoicingEffect>.Perform(s, next, now);
    }

    private static MonthEndInvoicingState Apply(MonthEndInvoicingState s, MonthEndInvoicingEvent @event) => @event switch
    {
        CrmInvoiceCreated => s with { InvoiceCreated = true },
        // Stripe reports an invoice paid at finalization when nothing is due; there is then nothing to charge.
        InvoiceFinalized f => s with { StripeInvoiceId = f.StripeInvoiceId, Paid = f.Status == "paid" ? true : s.Paid },
        InvoiceCharged c => s with { Paid = c.Paid, DeclineCode = c.DeclineCode },
        EntryInvoiced => s with { EntryRecorded = true },
        InvoiceEmailQueued => s with { EmailQueued = true },
        _ => s,
    };
}
