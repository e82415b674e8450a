using System.Security.Claims;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy;

/// <summary>The authenticated caller: who they are and their tenant's settings.</summary>
public sealed record Caller(Actor Actor, Tenant Tenant);

public static class CallerExtensions
{
    public static async Task<Caller> CallerAsync(this ClaimsPrincipal principal, TenantDirectory tenants, CancellationToken cancellationToken)
    {
        var actor = principal.Actor();
        // The key was found, so the tenant exists: provisioning writes the tenant row before it hands out the key.
        var tenant = await tenants.GetAsync(actor.Tenant, cancellationToken)
            ?? throw new InvalidOperationException($"Tenant {actor.Tenant} has a key but no settings row.");
        return new Caller(actor, tenant);
    }
}
