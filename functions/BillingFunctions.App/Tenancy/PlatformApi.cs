using System.Security.Cryptography;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy.Secrets;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy;

/// <summary>The platform operator's API: provisioning tenants and replacing their Stripe credentials.</summary>
public static class PlatformApi
{
    public static void MapPlatform(this IEndpointRouteBuilder api)
    {
        var platform = api.MapGroup("/platform").RequireAuthorization(Policies.Platform).WithTags("Platform");
        platform.MapPost("/tenants", ProvisionAsync).WithName("ProvisionTenant").Produces<ProvisionedTenant>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
        platform.MapPut("/tenants/{tenantId}/stripe", ReplaceStripeSecretsAsync).WithName("ReplaceTenantStripeSecrets")
            .Produces<TenantStripeSecrets>()
            .WithSummary("Replaces the tenant's Stripe secret key and/or webhook signing secret without downtime.")
            .WithDescription("A field left out keeps its value; sending the current value again changes nothing. The new secret key is used from "
                + "the next Stripe call on. The replaced webhook signing secret keeps verifying deliveries for the grace period "
                + "(TenantSecrets:WebhookSecretGrace, 24 hours unless configured), so roll the endpoint's secret in Stripe within it; "
                + "a second replacement inside the grace ends the first one's.");
    }

    private static async Task<IResult> ProvisionAsync(ProvisionTenantRequest request, TenantDirectory tenants, UserDirectory users,
        ApiKeyStore keys, TenantStripe stripe, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > Tenant.MaxNameLength || request.Name.Any(char.IsControl))
            return Problems.Invalid($"A tenant needs a name: one line of at most {Tenant.MaxNameLength} characters.");
        if (!Currency.TryParse(request.Currency, out var currency)) return Problems.Invalid($"'{request.Currency}' is not an ISO 4217 currency.");
        var timeZone = request.TimeZone ?? "UTC";
        if (timeZone.Length > Tenant.MaxTimeZoneLength || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            return Problems.Invalid($"'{timeZone}' is not a known IANA time zone.");
        if (string.IsNullOrWhiteSpace(request.StripeSecretKey) == string.IsNullOrWhiteSpace(request.StripeAccount))
            return Problems.Invalid("Give either a Stripe secret key or a Connect account id (acct_...).");
        if (request.StripeAccount is { } account && !StripeCredentialFormats.IsAccountId(account))
            return Problems.Invalid(StripeCredentialFormats.AccountIdRule);
        // Such a tenant could not make a single Stripe call: refuse it now rather than fail its first customer.
        if (request.StripeAccount is not null && !stripe.HasPlatformKey)
            return Problems.ConnectNotConfigured($"The platform has no {TenantStripe.PlatformKeySetting}; provision this tenant with its own " +
                $"Stripe secret key, or set the key first.");
        if (request.StripeSecretKey is { } secretKey && !StripeCredentialFormats.IsSecretKey(secretKey))
            return Problems.Invalid(StripeCredentialFormats.SecretKeyRule);
        if (request.WebhookSecret is { } webhookSecret && !StripeCredentialFormats.IsWebhookSecret(webhookSecret))
            return Problems.Invalid(StripeCredentialFormats.WebhookSecretRule);
        if (!UserDirectory.IsValidName(request.AdminName)) return Problems.Invalid(UserDirectory.NameRule);
        if (!UserDirectory.IsValidId(request.AdminUserId))
            return Problems.Invalid("Name the tenant's first admin user (adminUserId: letters, digits, '-', '_', '.', '@').");

        var tenant = new Tenant(new TenantId("ten_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))), request.Name.Trim(), currency,
            timeZone, request.StripeSecretKey, request.StripeAccount, request.WebhookSecret, time.GetUtcNow());
        var admin = new UserId(request.AdminUserId!);
        // The key last: whoever holds it finds the tenant's settings and its admin in place.
        await tenants.AddAsync(tenant, cancellationToken);
        await users.PutAsync(tenant.Id, new DirectoryUser(admin, Role.Admin, null, request.AdminName), cancellationToken);
        var key = await keys.IssueAsync(tenant.Id, admin, cancellationToken);
        return TypedResults.Created($"/api/v1/platform/tenants/{tenant.Id}",
            new ProvisionedTenant(tenant.Id.Value, admin.Value, key.KeyId, key.Secret));
    }

    private static async Task<IResult> ReplaceStripeSecretsAsync(string tenantId, ReplaceStripeSecretsRequest request, TenantDirectory tenants,
        WebhookSecretGrace grace, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(tenantId)) return Problems.NotFound($"tenant {tenantId}");
        if (request.StripeSecretKey is null && request.WebhookSecret is null)
            return Problems.Invalid("Give a new stripeSecretKey, webhookSecret or both.");
        if (request.StripeSecretKey is { } secretKey && !StripeCredentialFormats.IsSecretKey(secretKey))
            return Problems.Invalid(StripeCredentialFormats.SecretKeyRule);
        if (request.WebhookSecret is { } webhookSecret && !StripeCredentialFormats.IsWebhookSecret(webhookSecret))
            return Problems.Invalid(StripeCredentialFormats.WebhookSecretRule);
        var id = new TenantId(tenantId);
        if (request.StripeSecretKey is not null && await tenants.GetAsync(id, cancellationToken) is { StripeAccount: not null })
            return Problems.Invalid("This tenant uses a Connect account and the platform's key; it has no secret key of its own.");

        var now = time.GetUtcNow();
        var tenant = await tenants.ReplaceStripeSecretsAsync(id, request.StripeSecretKey, request.WebhookSecret,
            now + grace.Value, cancellationToken);
        if (tenant is null) return Problems.NotFound($"tenant {tenantId}");
        var retiring = tenant.RetiringWebhookSecret is { } previous && now < previous.ValidUntil ? previous.ValidUntil : (DateTimeOffset?)null;
        return TypedResults.Ok(new TenantStripeSecrets(tenant.Id.Value, tenant.StripeSecretKey is not null, tenant.StripeAccount,
            tenant.WebhookSecret is not null, retiring));
    }
}
