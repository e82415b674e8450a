namespace BillingFunctions.App.Tenancy;

/// <summary>
/// The claims a tenant principal carries besides its role (which the policies check): who the request acts for, for
/// logs and diagnostics. Handlers read the <see cref="Caller"/> instead.
/// </summary>
public static class ActorClaims
{
    public const string Tenant = "billing:tenant";
    public const string User = "billing:user";
    public const string Team = "billing:team";
}

/// <summary>Authorization policies, one per kind of route group.</summary>
public static class Policies
{
    public const string Platform = "platform";
    public const string TenantUser = "tenant-user";
    public const string TenantAdmin = "tenant-admin";
    public const string Finance = "finance";
}
