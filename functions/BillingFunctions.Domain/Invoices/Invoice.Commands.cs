using BillingFunctions.Domain.Common;

namespace BillingFunctions.Domain.Invoices;

public sealed partial class Invoice
{
    public Result<InvoiceChange> AddLine(NewInvoiceLine line)
    {
        if (Status != InvoiceStatus.Draft) return NotDraft("add lines to");
        if (_state.Lines.Count >= InvoiceLimits.MaxLines) return DomainError.Invalid($"An invoice has at most {InvoiceLimits.MaxLines} lines.");
        var created = InvoiceLine.Create($"li_{_state.NextLineNumber}", line.Description, line.Quantity, line.UnitAmountMinor,
            Currency, line.TaxRateBasisPoints,
            line.MayBeCredit);
        if (!created.IsSuccess) return created.Error!;
        var candidate = _state with { Lines = [.. _state.Lines, created.Value], NextLineNumber = _state.NextLineNumber + 1 };
        if (Restore(candidate).Total.Minor > InvoiceLimits.MaxAmountMinor)
            return DomainError.Invalid($"An invoice total is at most {InvoiceLimits.MaxAmountMinor} minor units.");
        _state = candidate;
        return new InvoiceChange("line.added",
            $"{created.Value.Id}: {created.Value.Quantity} × {created.Value.UnitAmount.Minor} {Currency} \"{created.Value.Description}\"");
    }

    public Result<InvoiceChange> RemoveLine(string lineId)
    {
        if (Status != InvoiceStatus.Draft) return NotDraft("remove lines from");
        if (!_state.Lines.Any(l => l.Id == lineId)) return new DomainError("not-found", $"The invoice has no line {lineId}.");
        _state = _state with { Lines = [.. _state.Lines.Where(l => l.Id != lineId)] };
        return new InvoiceChange("line.removed", lineId);
    }

    /// <summary>Draft to open. Like Stripe, an invoice with nothing to pay is paid the moment it is finalized.</summary>
    public Result<InvoiceChange> Finalize(DateTimeOffset now, DateOnly today)
    {
        if (Status != InvoiceStatus.Draft) return NotDraft("finalize");
        if (_state.Lines.Count == 0) return DomainError.Invalid("An invoice needs at least one line to be finalized.");
        var due = _state.DueDate ?? (_state.DaysUntilDue is { } days ? today.AddDays(days) : null);
        // A credit-heavy invoice (a downgrade's proration) leaves nothing to pay, as in Stripe, which keeps the rest as balance.
        var nothingToPay = Total.Minor <= 0;
        _state = _state with
        {
            Status = nothingToPay ? InvoiceStatus.Paid : InvoiceStatus.Open,
            FinalizedAt = now, DueDate = due, PaidAt = nothingToPay ? now : null,
        };
        return new InvoiceChange("finalized", due is { } d ? $"due {d:yyyy-MM-dd}" : "charged automatically");
    }

    public Result<InvoiceChange> MarkPaid(long amountPaidMinor, DateTimeOffset at)
    {
        if (Status is not (InvoiceStatus.Open or InvoiceStatus.Uncollectible))
            return DomainError.IllegalTransition($"A {Describe(Status)} invoice cannot be paid.");
        _state = _state with { Status = InvoiceStatus.Paid, AmountPaidMinor = amountPaidMinor, PaidAt = at, OnHold = false };
        return new InvoiceChange("paid", $"{amountPaidMinor} {Currency}");
    }

    public Result<InvoiceChange> Void(DateTimeOffset at)
    {
        if (Status is not (InvoiceStatus.Open or InvoiceStatus.Uncollectible))
            return DomainError.IllegalTransition($"A {Describe(Status)} invoice cannot be voided.");
        _state = _state with { Status = InvoiceStatus.Void, ClosedAt = at, OnHold = false };
        return new InvoiceChange("voided", "");
    }

    public Result<InvoiceChange> MarkUncollectible(DateTimeOffset at)
    {
        if (Status != InvoiceStatus.Open) return DomainError.IllegalTransition($"A {Describe(Status)} invoice cannot be marked uncollectible.");
        _state = _state with { Status = InvoiceStatus.Uncollectible, ClosedAt = at };
        return new InvoiceChange("marked_uncollectible", "");
    }

    /// <summary>A held invoice gets no reminders or retries until released.</summary>
    public Result<InvoiceChange> Hold(string? reason)
    {
        if (Status is InvoiceStatus.Paid or InvoiceStatus.Void)
            return DomainError.IllegalTransition($"A {Describe(Status)} invoice cannot be put on hold.");
        if (OnHold) return DomainError.IllegalTransition("The invoice is already on hold.");
        if (reason?.Length > InvoiceLimits.MaxHoldReasonLength)
            return DomainError.Invalid($"A hold reason is at most {InvoiceLimits.MaxHoldReasonLength} characters.");
        _state = _state with { OnHold = true };
        return new InvoiceChange("held", reason ?? "");
    }

    public Result<InvoiceChange> Release()
    {
        if (!OnHold) return DomainError.IllegalTransition("The invoice is not on hold.");
        _state = _state with { OnHold = false };
        return new InvoiceChange("released", "");
    }

    public Result<InvoiceChange> AddLabel(string raw)
    {
        var label = Label.Create(raw);
        if (!label.IsSuccess) return label.Error!;
        if (_state.Labels.Contains(label.Value)) return new InvoiceChange("label.kept", label.Value.Value);
        if (_state.Labels.Count >= InvoiceLimits.MaxLabels) return DomainError.Invalid($"An invoice has at most {InvoiceLimits.MaxLabels} labels.");
        _state = _state with { Labels = [.. _state.Labels.Append(label.Value).OrderBy(l => l.Value, StringComparer.Ordinal)] };
        return new InvoiceChange("label.added", label.Value.Value);
    }

    public Result<InvoiceChange> RemoveLabel(string raw)
    {
        var label = Label.Create(raw);
        if (!label.IsSuccess) return label.Error!;
        _state = _state with { Labels = [.. _state.Labels.Where(l => l != label.Value)] };
        return new InvoiceChange("label.removed", label.Value.Value);
    }

    private DomainError NotDraft(string what) => DomainError.IllegalTransition($"Only a draft invoice can {what}; this one is {Describe(Status)}.");

    private static string Describe(InvoiceStatus status) => status.ToString().ToLowerInvariant();
}
