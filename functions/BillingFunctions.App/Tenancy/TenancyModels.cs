namespace BillingFunctions.App.Tenancy;

public sealed record ProvisionTenantRequest(
    string? Name, string? Currency, string? TimeZone, string? StripeSecretKey, string? StripeAccount, string? WebhookSecret,
    string? AdminUserId, string? AdminName);

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
