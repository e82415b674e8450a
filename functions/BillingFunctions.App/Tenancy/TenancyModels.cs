using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.App.Tenancy;

/// <summary>A tenant bills either on its own Stripe account or as a Connect account of the platform's: exactly one of the two.</summary>
public sealed record ProvisionTenantRequest(
    [property: MaxLength(Tenant.MaxNameLength)] string? Name, [property: MaxLength(Currency.CodeLength)] string? Currency,
    [property: MaxLength(Tenant.MaxTimeZoneLength)] string? TimeZone,
    [property: Description("The tenant's own Stripe secret key (sk_...). Exactly one of stripeSecretKey and stripeAccount.")]
    [property: MaxLength(StripeCredentialFormats.MaxSecretKeyLength)] string? StripeSecretKey,
    [property: Description("The tenant's Connect account (acct_...) under the platform's key. Exactly one of stripeSecretKey and stripeAccount.")]
    [property: MaxLength(StripeCredentialFormats.MaxAccountIdLength)] string? StripeAccount,
    [property: MaxLength(StripeCredentialFormats.MaxWebhookSecretLength)] string? WebhookSecret,
    [property: MaxLength(UserDirectory.MaxIdLength)] string? AdminUserId, [property: MaxLength(UserDirectory.MaxNameLength)] string? AdminName);

public sealed record ProvisionedTenant(string TenantId, string AdminUserId, string ApiKeyId, string ApiKey);

public sealed record PutUserRequest(
    string? Role, [property: MaxLength(UserDirectory.MaxIdLength)] string? TeamId, [property: MaxLength(UserDirectory.MaxNameLength)] string? Name,
    [property: MaxLength(UserDirectory.MaxEmailLength)] string? Email = null);

public sealed record UserResponse(string Id, string Role, string? TeamId, string? Name, string? Email = null);

public sealed record ApiKeyCreated(string KeyId, string ApiKey);

public sealed record ApiKeyResponse(string KeyId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

public sealed record MeResponse(string TenantId, string UserId, string Role, string? TeamId);

/// <summary>The tenant's new Stripe credentials; a field left out keeps its current value.</summary>
public sealed record ReplaceStripeSecretsRequest(
    [property: MaxLength(StripeCredentialFormats.MaxSecretKeyLength)] string? StripeSecretKey = null,
    [property: MaxLength(StripeCredentialFormats.MaxWebhookSecretLength)] string? WebhookSecret = null);

/// <summary>
/// What the tenant's Stripe credentials are now, without their values: the replaced webhook secret, if any, still
/// verifies until <see cref="PreviousWebhookSecretValidUntil"/>.
/// </summary>
public sealed record TenantStripeSecrets(string TenantId, bool HasStripeSecretKey, string? StripeAccount, bool HasWebhookSecret,
    DateTimeOffset? PreviousWebhookSecretValidUntil);
