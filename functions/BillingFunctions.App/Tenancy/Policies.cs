namespace BillingFunctions.App.Tenancy;

/// <summary>Authorization policies, one per kind of route group.</summary>
public static class Policies
{
    public const string Platform = "platform";
    public const string TenantUser = "tenant-user";
    public const string TenantAdmin = "tenant-admin";
    public const string Finance = "finance";
}
