using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Customers;

/// <summary>A client of the tenant, owned by one rep. The currency is fixed at creation: every invoice is in it.</summary>
public sealed class Customer
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxAddressFieldLength = 200;
    public const int CountryCodeLength = 2;
    public const int MaxPaymentMethodIdLength = 255;

    private CustomerSnapshot _state;

    private Customer(CustomerSnapshot state) => _state = state;

    public static Customer Restore(CustomerSnapshot snapshot) => new(snapshot);
    public CustomerSnapshot ToSnapshot() => _state;

    public CustomerId Id => _state.Id;
    public Currency Currency => _state.Currency;
    public UserId Owner => _state.Owner;
    public TeamId? OwnerTeam => _state.OwnerTeam;

    public static Result<Customer> Create(CustomerId id, CustomerDetails details, UserId owner, TeamId? ownerTeam,
        Currency currency, DateTimeOffset now)
    {
        var error = Validate(details);
        if (error is not null) return error;
        return new Customer(new CustomerSnapshot
        {
            Id = id, Name = details.Name!.Trim(), Email = details.Email?.Trim(), Address = details.Address,
            Owner = owner, OwnerTeam = ownerTeam, Currency = currency, CreatedAt = now,
        });
    }

    public Result<string> Update(CustomerDetails details)
    {
        var error = Validate(details);
        if (error is not null) return error;
        _state = _state with { Name = details.Name!.Trim(), Email = details.Email?.Trim(), Address = details.Address, Version = _state.Version + 1 };
        return "updated";
    }

    /// <summary>Hands the customer to another rep; their invoices keep the owner they were created with.</summary>
    public void Reassign(UserId owner, TeamId? team) =>
        _state = _state with { Owner = owner, OwnerTeam = team, Version = _state.Version + 1 };

    public void LinkToStripe(string stripeCustomerId) => _state = _state with { StripeCustomerId = stripeCustomerId };

    public Result<string> SetDefaultPaymentMethod(string? paymentMethodId)
    {
        if (string.IsNullOrWhiteSpace(paymentMethodId) || !paymentMethodId.StartsWith("pm_", StringComparison.Ordinal)
            || paymentMethodId.Length > MaxPaymentMethodIdLength)
            return DomainError.Invalid("A payment method id looks like pm_...");
        _state = _state with { DefaultPaymentMethod = paymentMethodId, Version = _state.Version + 1 };
        return paymentMethodId;
    }

    private static DomainError? Validate(CustomerDetails details)
    {
        if (string.IsNullOrWhiteSpace(details.Name)) return DomainError.Invalid("A customer needs a name.");
        if (details.Name.Trim().Length > MaxNameLength) return DomainError.Invalid($"A name is at most {MaxNameLength} characters.");
        // Stripe refuses control characters in form values, and a name or address is one line anyway.
        if (details.Name.Any(char.IsControl)) return DomainError.Invalid("A name is one line of text, without control characters.");
        if (details.Email is { } email && (email.Length > MaxEmailLength || !LooksLikeEmail(email.Trim())))
            return DomainError.Invalid($"'{email}' is not an email address.");
        if (details.Address is { } address)
        {
            string?[] fields = [address.Line1, address.Line2, address.PostalCode, address.City];
            if (fields.Any(f => f?.Length > MaxAddressFieldLength))
                return DomainError.Invalid($"Address fields are at most {MaxAddressFieldLength} characters.");
            if (fields.Any(f => f?.Any(char.IsControl) == true))
                return DomainError.Invalid("Address fields are one line of text each, without control characters.");
            if (address.Country is { } country && (country.Length != CountryCodeLength || !country.All(char.IsAsciiLetterUpper)))
                return DomainError.Invalid("A country is a two-letter upper-case ISO 3166 code, e.g. DE.");
        }
        return null;
    }

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }
}
