using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Invoices;

/// <summary>
/// An invoice and the rules of its lifecycle. Every change goes through a method that refuses what
/// Stripe would refuse; Stripe's own word (events) is applied by <see cref="Apply"/>, which only moves forward.
/// </summary>
public sealed partial class Invoice
{
    private InvoiceSnapshot _state;

    private Invoice(InvoiceSnapshot state) => _state = state;

    public static Invoice Restore(InvoiceSnapshot snapshot) => new(snapshot);
    public InvoiceSnapshot ToSnapshot() => _state;

    public InvoiceId Id => _state.Id;
    public InvoiceStatus Status => _state.Status;
    public bool OnHold => _state.OnHold;
    public Currency Currency => _state.Currency;
    public IReadOnlyList<InvoiceLine> Lines => _state.Lines;
    public IReadOnlyList<Label> Labels => _state.Labels;
    public DateOnly? DueDate => _state.DueDate;

    public Money Subtotal => Sum(l => l.Amount);
    public Money Tax => Sum(l => l.Tax);
    public Money Total => Subtotal + Tax;
    public Money AmountPaid => new(_state.AmountPaidMinor, Currency);
    public Money AmountDue => Status is InvoiceStatus.Void ? Money.Zero(Currency) : Total - AmountPaid;

    public bool IsOverdue => Status == InvoiceStatus.Open && _state.PastDue;

    /// <summary>How lists and filters show the invoice: held invoices apart, open ones past due as overdue.</summary>
    public InvoiceView View =>
        OnHold ? InvoiceView.OnHold
        : IsOverdue ? InvoiceView.Overdue
        : (InvoiceView)(int)Status;

    /// <summary>The overdue sweep's step: an open invoice whose due date has passed in the tenant's calendar.</summary>
    public InvoiceChange? FlagIfPastDue(DateOnly today)
    {
        if (Status != InvoiceStatus.Open || _state.PastDue || DueDate is not { } due || due >= today) return null;
        _state = _state with { PastDue = true };
        return new InvoiceChange("overdue", $"due {due:yyyy-MM-dd}");
    }

    public static Result<Invoice> CreateDraft(NewInvoice request, DateTimeOffset now, DateOnly today)
    {
        if (request.Lines.Count > InvoiceLimits.MaxLines) return DomainError.Invalid($"An invoice has at most {InvoiceLimits.MaxLines} lines.");
        if (request.DaysUntilDue is < 0 or > InvoiceLimits.MaxDaysUntilDue)
            return DomainError.Invalid($"Days until due must be between 0 and {InvoiceLimits.MaxDaysUntilDue}.");
        if (request.DueDate is { } due && due < today) return DomainError.Invalid("The due date is in the past.");
        if (request.DueDate is not null && request.DaysUntilDue is not null)
            return DomainError.Invalid("Give a due date or days until due, not both.");
        if (request.Collection == CollectionMethod.ChargeAutomatically && (request.DueDate ?? (object?)request.DaysUntilDue) is not null)
            return DomainError.Invalid("Invoices charged automatically have no due date.");

        var invoice = new Invoice(new InvoiceSnapshot
        {
            Id = request.Id, Customer = request.Customer, Owner = request.Owner, OwnerTeam = request.OwnerTeam,
            Currency = request.Currency, Collection = request.Collection, DueDate = request.DueDate,
            DaysUntilDue = request.Collection == CollectionMethod.SendInvoice && request.DueDate is null ? request.DaysUntilDue
                ?? 30 : request.DaysUntilDue,
            Status = InvoiceStatus.Draft, CreatedAt = now,
        });
        foreach (var line in request.Lines)
        {
            var added = invoice.AddLine(line);
            if (!added.IsSuccess) return added.Error!;
        }
        foreach (var label in request.Labels)
        {
            var added = invoice.AddLabel(label);
            if (!added.IsSuccess) return added.Error!;
        }
        return invoice;
    }

    private Money Sum(Func<InvoiceLine, Money> amount) =>
        _state.Lines.Aggregate(Money.Zero(Currency), (total, line) => total + amount(line));
}

/// <summary>The status a person filters by: Stripe's five, plus the two views over them.</summary>
public enum InvoiceView { Draft, Open, Paid, Void, Uncollectible, OnHold, Overdue }
