using System.ComponentModel.DataAnnotations;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.App.Customers;

public sealed record AddressDto(
    [property: MaxLength(Customer.MaxAddressFieldLength)] string? Line1,
    [property: MaxLength(Customer.MaxAddressFieldLength)] string? Line2,
    [property: MaxLength(Customer.MaxAddressFieldLength)] string? PostalCode,
    [property: MaxLength(Customer.MaxAddressFieldLength)] string? City,
    [property: MaxLength(Customer.CountryCodeLength)] string? Country)
{
    public BillingAddress ToDomain() => new(Line1, Line2, PostalCode, City, Country);
    public static AddressDto? From(BillingAddress? a) => a is null ? null : new(a.Line1, a.Line2, a.PostalCode, a.City, a.Country);
}

public sealed record CreateCustomerRequest(
    [property: MaxLength(Customer.MaxNameLength)] string? Name, [property: MaxLength(Customer.MaxEmailLength)] string? Email, AddressDto? Address,
    [property: MaxLength(UserDirectory.MaxIdLength)] string? OwnerId, [property: MaxLength(Currency.CodeLength)] string? Currency);

public sealed record UpdateCustomerRequest(
    [property: MaxLength(Customer.MaxNameLength)] string? Name, [property: MaxLength(Customer.MaxEmailLength)] string? Email, AddressDto? Address,
    [property: MaxLength(UserDirectory.MaxIdLength)] string? OwnerId);

public sealed record SetPaymentMethodRequest([property: MaxLength(Customer.MaxPaymentMethodIdLength)] string? PaymentMethodId);

public sealed record CustomerResponse(
    string Id, string Name, string? Email, AddressDto? Address, string OwnerId, string? OwnerTeamId, string Currency,
    string? StripeCustomerId, string? DefaultPaymentMethod, int Version, DateTimeOffset CreatedAt)
{
    public static CustomerResponse From(CustomerSnapshot c) => new(c.Id.Value, c.Name, c.Email, AddressDto.From(c.Address), c.Owner.Value,
        c.OwnerTeam?.Value, c.Currency.Code, c.StripeCustomerId, c.DefaultPaymentMethod, c.Version, c.CreatedAt);
}

/// <summary>A page of a list; pass <see cref="ContinuationToken"/> back to get the next one (null: last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
