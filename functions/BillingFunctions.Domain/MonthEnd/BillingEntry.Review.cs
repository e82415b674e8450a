using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.MonthEnd;

public sealed partial class BillingEntry
{
    /// <summary>The owner enters the month's amount and a note; allowed while open or after it was sent back.</summary>
    public Result<BillingEntryStatus> Submit(Actor actor, long amountMinor, Currency currency, string? note, DateTimeOffset now)
    {
        var refused = RefuseEntry(actor, amountMinor, currency, note, "submitted");
        if (refused is not null) return refused;
        _state = _state with
        {
            Status = BillingEntryStatus.Submitted, AmountMinor = amountMinor, Note = note!.Trim(),
            SubmittedBy = actor.User, SubmittedAt = now, Version = _state.Version + 1,
        };
        return Status;
    }

    /// <summary>
    /// The owner saves the amount and note without submitting them yet (a draft the manager does not see as
    /// submitted); the same rules as <see cref="Submit"/>.
    /// </summary>
    public Result<BillingEntryStatus> Enter(Actor actor, long amountMinor, Currency currency, string? note)
    {
        var refused = RefuseEntry(actor, amountMinor, currency, note, "changed");
        if (refused is not null) return refused;
        _state = _state with { AmountMinor = amountMinor, Note = note!.Trim(), Version = _state.Version + 1 };
        return Status;
    }

    private DomainError? RefuseEntry(Actor actor, long amountMinor, Currency currency, string? note, string what)
    {
        if (Status is not (BillingEntryStatus.Open or BillingEntryStatus.ReturnedForChanges))
            return DomainError.IllegalTransition($"A {Describe(Status)} entry cannot be {what}.");
        if (actor.User != Owner) return Forbidden("Only the rep who owns the customer enters the month's amount.");
        if (amountMinor <= 0) return DomainError.Invalid("A month-end amount is more than zero minor units.");
        if (amountMinor > InvoiceLimits.MaxAmountMinor)
            return DomainError.Invalid($"A month-end amount is at most {InvoiceLimits.MaxAmountMinor} minor units.");
        if (currency != _state.Currency)
            return DomainError.Invalid($"The customer is billed in {_state.Currency}, not {currency}.");
        if (!new Money(amountMinor, currency).IsWholeChargeIncrement)
            return DomainError.Invalid($"Amount {amountMinor}: {currency.ChargeIncrementRule}");
        if (string.IsNullOrWhiteSpace(note)) return DomainError.Invalid("A note saying what the amount is for is required; it is the invoice line.");
        if (note.Trim().Length > MaxNoteLength) return DomainError.Invalid($"A note is at most {MaxNoteLength} characters.");
        return null;
    }

    /// <summary>Approves the submitted amount and says which invoice to create and charge for it.</summary>
    public Result<MonthEndInvoiceRequest> Approve(Actor actor, DateTimeOffset now)
    {
        var refused = RefuseReview(actor, "approved");
        if (refused is not null) return refused;
        _state = _state with
        {
            Status = BillingEntryStatus.Approved, ReviewedBy = actor.User, ReviewedAt = now, ReviewComment = null,
            Version = _state.Version + 1,
        };
        return PendingInvoice!;
    }

    /// <summary>
    /// What an approved entry asks to be invoiced, null otherwise. Derived from stored state alone, so whoever
    /// finds an approved entry later (a restart, a sweep) asks for the same invoice with the same key.
    /// </summary>
    public MonthEndInvoiceRequest? PendingInvoice => Status != BillingEntryStatus.Approved ? null
        : new MonthEndInvoiceRequest(Id, Customer, Amount!.Value, _state.Note!, Period, _state.BillingDetails,
            IdempotencyKey: $"{Id}:v{Version}:invoice");

    /// <summary>Sends the entry back to the rep with the reason; the amount stays so the rep can correct it.</summary>
    public Result<BillingEntryStatus> Return(Actor actor, string? comment, DateTimeOffset now)
    {
        var refused = RefuseReview(actor, "sent back");
        if (refused is not null) return refused;
        if (string.IsNullOrWhiteSpace(comment)) return DomainError.Invalid("Sending an entry back needs a comment for the rep.");
        if (comment.Trim().Length > MaxCommentLength) return DomainError.Invalid($"A comment is at most {MaxCommentLength} characters.");
        _state = _state with
        {
            Status = BillingEntryStatus.ReturnedForChanges, ReviewedBy = actor.User, ReviewedAt = now,
            ReviewComment = comment.Trim(), Version = _state.Version + 1,
        };
        return Status;
    }

    /// <summary>
    /// The invoice of the approval was created and charged. Hearing it twice for the same invoice changes
    /// nothing, since the process may retry after a crash.
    /// </summary>
    public Result<BillingEntryStatus> RecordInvoiced(InvoiceId invoice, DateTimeOffset now)
    {
        if (Status == BillingEntryStatus.Invoiced)
            return _state.Invoice == invoice ? Status : DomainError.IllegalTransition($"The entry is already invoiced as {_state.Invoice}.");
        if (Status != BillingEntryStatus.Approved)
            return DomainError.IllegalTransition($"A {Describe(Status)} entry cannot be invoiced; it needs approval first.");
        _state = _state with { Status = BillingEntryStatus.Invoiced, Invoice = invoice, InvoicedAt = now, Version = _state.Version + 1 };
        return Status;
    }

    private DomainError? RefuseReview(Actor actor, string what)
    {
        if (Status != BillingEntryStatus.Submitted)
            return DomainError.IllegalTransition($"Only a submitted entry can be {what}; this one is {Describe(Status)}.");
        // Four eyes: whoever entered the amount never signs it off, whatever their role.
        if (actor.User == _state.SubmittedBy) return Forbidden($"The rep who submitted an entry cannot have it {what} by themselves.");
        var mayReview = actor.Role switch
        {
            Role.Finance or Role.Admin => true,
            Role.Manager => actor.Team is { } team && team == OwnerTeam,
            _ => false,
        };
        return mayReview ? null : Forbidden($"Only a manager of the rep's team, finance or an admin can have an entry {what}.");
    }

    private static DomainError Forbidden(string message) => new("forbidden", message);

    private static string Describe(BillingEntryStatus status) => status switch
    {
        BillingEntryStatus.ReturnedForChanges => "returned",
        _ => status.ToString().ToLowerInvariant(),
    };
}
