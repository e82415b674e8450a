using System.Security.Claims;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy;

/// <summary>The claims the API key handler puts on the principal, and the <see cref="Actor"/> read back from them.</summary>
public static class ActorClaims
{
    public const string Tenant = "billing:tenant";
    public const string User = "billing:user";
    public const string Team = "billing:team";

    public static Actor Actor(this ClaimsPrincipal principal) => new(
        new TenantId(principal.FindFirstValue(Tenant) ?? throw new InvalidOperationException("Not a tenant principal; is the route group authorized?")),
        new UserId(principal.FindFirstValue(User)!),
        Enum.Parse<Role>(principal.FindFirstValue(ClaimTypes.Role)!),
        principal.FindFirstValue(Team) is { } team ? new TeamId(team) : null);
}

/// <summary>Authorization policies, one per kind of route group.</summary>
public static class Policies
{
    public const string Platform = "platform";
    public const string TenantUser = "tenant-user";
    public const string TenantAdmin = "tenant-admin";
    public const string Finance = "finance";
}
