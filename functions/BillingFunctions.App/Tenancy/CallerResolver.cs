using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy;

/// <summary>What resolving the caller came to: the caller, or why the request is not authenticated.</summary>
public sealed record CallerResolution(Caller? Caller, string? Refusal);

/// <summary>
/// Authenticates a CRM request and resolves its caller once: the tenant API key (<c>Authorization: Bearer …</c>)
/// names the tenant, <c>X-Acting-User</c> names the user it acts for, whose role and team the tenant's directory
/// holds, and the tenant's settings row is read. The caller is kept on the request (<see cref="CallerAccess.Caller"/>),
/// so nothing after authentication reads these rows again. It needs only the <see cref="HttpContext"/>, so any
/// authentication step can run it: today the ASP.NET Core scheme <see cref="ApiKeyAuthenticationHandler"/>.
/// </summary>
public sealed class CallerResolver(ApiKeyStore keys, UserDirectory users, TenantDirectory tenants)
{
    public const string ActingUserHeader = "X-Acting-User";

    public async Task<CallerResolution> ResolveAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var auth = context.Request.Headers.Authorization.ToString();
        var secret = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..].Trim() : null;
        if (string.IsNullOrEmpty(secret)) return Refused("Send the tenant API key as 'Authorization: Bearer <key>'.");

        var tenantId = await keys.FindTenantAsync(secret, cancellationToken);
        if (tenantId is null) return Refused("The API key is unknown or revoked.");

        var acting = context.Request.Headers[ActingUserHeader].ToString();
        if (acting.Length == 0) return Refused($"Send the id of the user the request acts for in {ActingUserHeader}.");
        // Two point reads at once: together they are the cost of authenticating.
        var userRead = users.GetAsync(tenantId.Value, new UserId(acting), cancellationToken);
        var tenantRead = tenants.GetAsync(tenantId.Value, cancellationToken);
        await Task.WhenAll(userRead, tenantRead);
        if (await userRead is not { } user) return Refused("The acting user is not in this tenant's user directory.");
        // The key was found, so the tenant exists: provisioning writes the tenant row before it hands out the key.
        var tenant = await tenantRead ?? throw new InvalidOperationException($"Tenant {tenantId} has a key but no settings row.");
        var caller = new Caller(tenant, user);
        context.Features.Set(caller);
        return new CallerResolution(caller, null);
    }

    private static CallerResolution Refused(string reason) => new(null, reason);
}
