using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Invoices;

/// <summary>Everything an invoice is, as stored; <see cref="Invoice"/> guards how it may change.</summary>
public sealed record InvoiceSnapshot
{
    public required InvoiceId Id { get; init; }
    public required CustomerId Customer { get; init; }
    public required UserId Owner { get; init; }
    public TeamId? OwnerTeam { get; init; }
    public required Currency Currency { get; init; }
    public required CollectionMethod Collection { get; init; }
    public DateOnly? DueDate { get; init; }
    public int? DaysUntilDue { get; init; }
    public InvoiceStatus Status { get; init; }
    public bool OnHold { get; init; }
    /// <summary>Set by the daily overdue sweep, so summaries stay a pure function of stored rows.</summary>
    public bool PastDue { get; init; }
    public IReadOnlyList<InvoiceLine> Lines { get; init; } = [];
    public IReadOnlyList<Label> Labels { get; init; } = [];
    public long AmountPaidMinor { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinalizedAt { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? StripeInvoiceId { get; init; }
    public string? Number { get; init; }
    public string? HostedInvoiceUrl { get; init; }
    public int NextLineNumber { get; init; } = 1;
}
