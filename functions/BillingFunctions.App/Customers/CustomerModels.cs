using BillingFunctions.Domain.Customers;

namespace BillingFunctions.App.Customers;

public sealed record AddressDto(string? Line1, string? Line2, string? PostalCode, string? City, string? Country)
{
    public BillingAddress ToDomain() => new(Line1, Line2, PostalCode, City, Country);
    public static AddressDto? From(BillingAddress? a) => a is null ? null : new(a.Line1, a.Line2, a.PostalCode, a.City, a.Country);
}

public sealed record CreateCustomerRequest(string? Name, string? Email, AddressDto? Address, string? OwnerId, string? Currency);

public sealed record UpdateCustomerRequest(string? Name, string? Email, AddressDto? Address, string? OwnerId);

public sealed record SetPaymentMethodRequest(string? PaymentMethodId);

public sealed record CustomerResponse(
    string Id, string Name, string? Email, AddressDto? Address, string OwnerId, string? OwnerTeamId, string Currency,
    string? StripeCustomerId, string? DefaultPaymentMethod, int Version, DateTimeOffset CreatedAt)
{
    public static CustomerResponse From(CustomerSnapshot c) => new(c.Id.Value, c.Name, c.Email, AddressDto.From(c.Address), c.Owner.Value,
        c.OwnerTeam?.Value, c.Currency.Code, c.StripeCustomerId, c.DefaultPaymentMethod, c.Version, c.CreatedAt);
}

/// <summary>A page of a list; pass <see cref="ContinuationToken"/> back to get the next one (null: last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
