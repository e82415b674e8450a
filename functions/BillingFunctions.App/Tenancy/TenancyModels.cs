using System.ComponentModel;

namespace BillingFunctions.App.Tenancy;

/// <summary>A tenant bills either on its own Stripe account or as a Connect account of the platform's: exactly one of the two.</summary>
public sealed record ProvisionTenantRequest(
    string? Name, string? Currency, string? TimeZone,
    [property: Description("The tenant's own Stripe secret key (sk_...). Exactly one of stripeSecretKey and stripeAccount.")] string? StripeSecretKey,
    [property: Description("The tenant's Connect account (acct_...) under the platform's key. Exactly one of stripeSecretKey and stripeAccount.")] string? StripeAccount,
    string? WebhookSecret, string? AdminUserId, string? AdminName);

public sealed record ProvisionedTenant(string TenantId, string AdminUserId, string ApiKeyId, string ApiKey);

public sealed record PutUserRequest(string? Role, string? TeamId, string? Name, string? Email = null);

public sealed record UserResponse(string Id, string Role, string? TeamId, string? Name, string? Email = null);

public sealed record ApiKeyCreated(string KeyId, string ApiKey);

public sealed record ApiKeyResponse(string KeyId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

public sealed record MeResponse(string TenantId, string UserId, string Role, string? TeamId);

/// <summary>The tenant's new Stripe credentials; a field left out keeps its current value.</summary>
public sealed record ReplaceStripeSecretsRequest(string? StripeSecretKey = null, string? WebhookSecret = null);

/// <summary>
/// What the tenant's Stripe credentials are now, without their values: the replaced webhook secret, if any, still
/// verifies until <see cref="PreviousWebhookSecretValidUntil"/>.
/// </summary>
public sealed record TenantStripeSecrets(string TenantId, bool HasStripeSecretKey, string? StripeAccount, bool HasWebhookSecret,
    DateTimeOffset? PreviousWebhookSecretValidUntil);
