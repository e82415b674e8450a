using System.Security.Claims;
using System.Text.Encodings.Web;
using BillingFunctions.App.Api;
using BillingFunctions.Domain.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// Authenticates the CRM: its tenant API key (<c>Authorization: Bearer …</c>) names the tenant, and
/// <c>X-Acting-User</c> names the user it acts for, whose role and team are looked up in the tenant's directory.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyStore keys, UserDirectory users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TenantApiKey";
    public const string ActingUserHeader = "X-Acting-User";
    private const string FailureItem = "auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal)
            ? auth["Bearer ".Length..].Trim()
            : null;
        if (string.IsNullOrEmpty(secret)) return Fail("Send the tenant API key as 'Authorization: Bearer <key>'.");

        var tenant = await keys.FindTenantAsync(secret, Context.RequestAborted);
        if (tenant is null) return Fail("The API key is unknown or revoked.");

        var acting = Request.Headers[ActingUserHeader].ToString();
        if (acting.Length == 0) return Fail($"Send the id of the user the request acts for in {ActingUserHeader}.");
        var user = await users.GetAsync(tenant.Value, new UserId(acting), Context.RequestAborted);
        if (user is null) return Fail("The acting user is not in this tenant's user directory.");

        var claims = new List<Claim>
        {
            new(ActorClaims.Tenant, tenant.Value.Value),
            new(ActorClaims.User, user.Id.Value),
            new(ClaimTypes.Role, user.Role.ToString()),
        };
        if (user.Team is { } team) claims.Add(new Claim(ActorClaims.Team, team.Value));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ActorClaims.User, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureItem] = reason;
        return AuthenticateResult.Fail(reason);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Problem(401, "unauthenticated", "Authentication is required.",
            Context.Items[FailureItem] as string ?? "Send the tenant API key and the acting user.").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Forbidden("Your role does not allow this.").ExecuteAsync(Context);
}
