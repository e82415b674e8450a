using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Customers;

/// <summary>Where invoices are addressed; free text as the customer gave it, country as ISO 3166 alpha-2.</summary>
public sealed record BillingAddress(string? Line1, string? Line2, string? PostalCode, string? City, string? Country);

/// <summary>Everything a customer is, as stored; <see cref="Customer"/> guards how it may change.</summary>
public sealed record CustomerSnapshot
{
    public required CustomerId Id { get; init; }
    public required string Name { get; init; }
    public string? Email { get; init; }
    public BillingAddress? Address { get; init; }
    public required UserId Owner { get; init; }
    public TeamId? OwnerTeam { get; init; }
    public required Currency Currency { get; init; }
    public string? StripeCustomerId { get; init; }
    public string? DefaultPaymentMethod { get; init; }
    /// <summary>Goes up by one with every accepted change; Stripe calls derive their idempotency keys from it.</summary>
    public int Version { get; init; } = 1;
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A request for a new customer, or the new values of an existing one, before validation.</summary>
public sealed record CustomerDetails(string? Name, string? Email, BillingAddress? Address);
