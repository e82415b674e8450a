using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.MonthEnd;

/// <summary>
/// A customer's amount for one month, from the rep's entry through the manager's approval to the invoice.
/// Opened for the customer's owner with a deadline thirty days after the period opens.
/// </summary>
public sealed partial class BillingEntry
{
    /// <summary>The note becomes the invoice line's description, so it has the same bound.</summary>
    public const int MaxNoteLength = InvoiceLimits.MaxDescriptionLength;
    public const int MaxCommentLength = 1000;

    private BillingEntrySnapshot _state;

    private BillingEntry(BillingEntrySnapshot state) => _state = state;

    public static BillingEntry Restore(BillingEntrySnapshot snapshot) => new(snapshot);
    public BillingEntrySnapshot ToSnapshot() => _state;

    public BillingEntryId Id => _state.Id;
    public CustomerId Customer => _state.Customer;
    public UserId Owner => _state.Owner;
    public TeamId? OwnerTeam => _state.OwnerTeam;
    public BillingPeriod Period => _state.Period;
    public BillingEntryStatus Status => _state.Status;
    public DateTimeOffset DeadlineAt => _state.DeadlineAt;
    public Money? Amount => _state.AmountMinor is { } minor ? new Money(minor, _state.Currency) : null;
    public string? Note => _state.Note;
    public string? ReviewComment => _state.ReviewComment;
    public InvoiceId? Invoice => _state.Invoice;
    public int Version => _state.Version;

    public bool IsInvoiced => Status == BillingEntryStatus.Invoiced;
    public bool IsOverdue(DateTimeOffset now) => !IsInvoiced && now > DeadlineAt;

    /// <summary>Opens the entry of <paramref name="period"/> for the customer's current owner and team.</summary>
    public static BillingEntry Open(CustomerSnapshot customer, BillingPeriod period, TenantCalendar calendar) =>
        new(new BillingEntrySnapshot
        {
            Id = BillingEntryId.For(customer.Id, period),
            Customer = customer.Id, Owner = customer.Owner, OwnerTeam = customer.OwnerTeam, Currency = customer.Currency,
            BillingDetails = new MonthEndBillingDetails(customer.Name, customer.Email, customer.Address),
            Period = period, OpenedAt = period.OpensAt(calendar), DeadlineAt = period.DeadlineAt(calendar),
        });

    /// <summary>
    /// The following month's entry: the same customer, owner, team, currency and billing details, and nothing
    /// the rep entered. Each month's amount is decided afresh; carrying it over would bill last month's figure.
    /// </summary>
    public BillingEntry NextEntry(TenantCalendar calendar)
    {
        var next = Period.Next;
        return new(new BillingEntrySnapshot
        {
            Id = BillingEntryId.For(Customer, next),
            Customer = Customer, Owner = Owner, OwnerTeam = OwnerTeam, Currency = _state.Currency,
            BillingDetails = _state.BillingDetails,
            Period = next, OpenedAt = next.OpensAt(calendar), DeadlineAt = next.DeadlineAt(calendar),
        });
    }
}
