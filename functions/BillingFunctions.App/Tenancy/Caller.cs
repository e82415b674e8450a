using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// The authenticated CRM caller: the acting user as the tenant's directory has them, and their tenant's settings.
/// <see cref="CallerResolver"/> resolves it once per request, where the request is authenticated; handlers declare a
/// <c>Caller</c> parameter and get that one.
/// </summary>
public sealed record Caller(Tenant Tenant, DirectoryUser User)
{
    public Actor Actor { get; } = new(Tenant.Id, User.Id, User.Role, User.Team);

    /// <summary>Minimal API binding: the caller authentication resolved for this request.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(context.Caller());
}

public static class CallerAccess
{
    /// <summary>The caller authentication resolved for this request.</summary>
    /// <exception cref="InvalidOperationException">The route is not authorized for tenant users, so nobody resolved one.</exception>
    public static Caller Caller(this HttpContext context) =>
        context.Features.Get<Caller>()
        ?? throw new InvalidOperationException("No caller was resolved for this request; is the route group authorized for tenant users?");
}
