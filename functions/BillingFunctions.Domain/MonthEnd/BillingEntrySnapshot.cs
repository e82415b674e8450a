using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.MonthEnd;

/// <summary>One entry per customer and period, so a second start of the same period is the same row.</summary>
public readonly record struct BillingEntryId(string Value)
{
    public static BillingEntryId For(CustomerId customer, BillingPeriod period) => new($"month-end:{customer}:{period}");
    public override string ToString() => Value;
}

/// <summary>Who the invoice is addressed to, copied from the customer when the entry opens.</summary>
public sealed record MonthEndBillingDetails(string Name, string? Email, BillingAddress? Address);

/// <summary>Everything a billing entry is, as stored; <see cref="BillingEntry"/> guards how it may change.</summary>
public sealed record BillingEntrySnapshot
{
    public required BillingEntryId Id { get; init; }
    public required CustomerId Customer { get; init; }
    public required UserId Owner { get; init; }
    public TeamId? OwnerTeam { get; init; }
    public required Currency Currency { get; init; }
    public required MonthEndBillingDetails BillingDetails { get; init; }
    public required BillingPeriod Period { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public required DateTimeOffset DeadlineAt { get; init; }
    public BillingEntryStatus Status { get; init; } = BillingEntryStatus.Open;
    public long? AmountMinor { get; init; }
    public string? Note { get; init; }
    public UserId? SubmittedBy { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public UserId? ReviewedBy { get; init; }
    public DateTimeOffset? ReviewedAt { get; init; }
    /// <summary>The manager's reason for sending the entry back; kept until the next review.</summary>
    public string? ReviewComment { get; init; }
    public InvoiceId? Invoice { get; init; }
    public DateTimeOffset? InvoicedAt { get; init; }
    /// <summary>Goes up by one with every accepted change; the invoice's idempotency key derives from it.</summary>
    public int Version { get; init; } = 1;
}
