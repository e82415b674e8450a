namespace BillingFunctions.Domain.Tenancy;

/// <summary>The tenant user a request acts for, as the tenant's own directory describes them.</summary>
public sealed record Actor(TenantId Tenant, UserId User, Role Role, TeamId? Team)
{
    public bool SeesWholeTenant => Role is Role.Finance or Role.Admin;

    /// <summary>Whether this user may see records owned by <paramref name="owner"/> of <paramref name="ownerTeam"/>.</summary>
    public bool CanSee(UserId owner, TeamId? ownerTeam) => Role switch
    {
        Role.Finance or Role.Admin => true,
        Role.Manager => owner == User || (Team is { } team && ownerTeam == team),
        _ => owner == User,
    };

    public bool CanManageTenant => Role == Role.Admin;
}
