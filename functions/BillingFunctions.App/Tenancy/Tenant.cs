using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// A tenant's settings. Stripe credentials sit here in plain text for now; in Azure they belong in Key Vault,
/// with this row holding only the secret's name.
/// </summary>
public sealed record Tenant(
    TenantId Id,
    string Name,
    Currency Currency,
    string TimeZone,
    string? StripeSecretKey,
    string? StripeAccount,
    string? WebhookSecret,
    DateTimeOffset CreatedAt)
{
    public TenantCalendar Calendar => new(TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
}
