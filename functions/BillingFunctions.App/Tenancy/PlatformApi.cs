using System.Security.Cryptography;
using BillingFunctions.App.Api;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy;

/// <summary>The platform operator's API: provisioning tenants.</summary>
public static class PlatformApi
{
    public static void MapPlatform(this IEndpointRouteBuilder api)
    {
        var platform = api.MapGroup("/platform").RequireAuthorization(Policies.Platform).WithTags("Platform");
        platform.MapPost("/tenants", ProvisionAsync).WithName("ProvisionTenant").Produces<ProvisionedTenant>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ProvisionAsync(ProvisionTenantRequest request, TenantDirectory tenants, UserDirectory users,
        ApiKeyStore keys, TenantStripe stripe, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) return Problems.Invalid("A tenant needs a name of at most 200 characters.");
        if (!Currency.TryParse(request.Currency, out var currency)) return Problems.Invalid($"'{request.Currency}' is not an ISO 4217 currency.");
        var timeZone = request.TimeZone ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)) return Problems.Invalid($"'{timeZone}' is not a known IANA time zone.");
        if (string.IsNullOrWhiteSpace(request.StripeSecretKey) == string.IsNullOrWhiteSpace(request.StripeAccount))
            return Problems.Invalid("Give either a Stripe secret key or a Connect account id (acct_...).");
        if (request.StripeAccount is { } account && !account.StartsWith("acct_", StringComparison.Ordinal))
            return Problems.Invalid("A Connect account id looks like acct_...");
        // Such a tenant could not make a single Stripe call: refuse it now rather than fail its first customer.
        if (request.StripeAccount is not null && !stripe.HasPlatformKey)
            return Problems.ConnectNotConfigured($"The platform has no {TenantStripe.PlatformKeySetting}; provision this tenant with its own Stripe secret key, or set the key first.");
        if (!UserDirectory.IsValidId(request.AdminUserId)) return Problems.Invalid("Name the tenant's first admin user (adminUserId: letters, digits, '-', '_', '.', '@').");

        var tenant = new Tenant(new TenantId("ten_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))), request.Name.Trim(), currency,
            timeZone, request.StripeSecretKey, request.StripeAccount, request.WebhookSecret, time.GetUtcNow());
        var admin = new UserId(request.AdminUserId!);
        // The key last: whoever holds it finds the tenant's settings and its admin in place.
        await tenants.AddAsync(tenant, cancellationToken);
        await users.PutAsync(tenant.Id, new DirectoryUser(admin, Role.Admin, null, request.AdminName), cancellationToken);
        var key = await keys.IssueAsync(tenant.Id, admin, cancellationToken);
        return TypedResults.Created($"/api/v1/platform/tenants/{tenant.Id}", new ProvisionedTenant(tenant.Id.Value, admin.Value, key.KeyId, key.Secret));
    }
}
