using System.Security.Claims;
using System.Text.Encodings.Web;
using BillingFunctions.App.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// Authenticates the CRM through <see cref="CallerResolver"/>, which keeps the resolved caller on the request; the
/// principal carries the caller's role for the authorization policies.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CallerResolver callers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TenantApiKey";
    private const string FailureItem = "auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (caller, refusal) = await callers.ResolveAsync(Context);
        if (caller is null)
        {
            Context.Items[FailureItem] = refusal;
            return AuthenticateResult.Fail(refusal!);
        }

        var actor = caller.Actor;
        var claims = new List<Claim>
        {
            new(ActorClaims.Tenant, actor.Tenant.Value),
            new(ActorClaims.User, actor.User.Value),
            new(ClaimTypes.Role, actor.Role.ToString()),
        };
        if (actor.Team is { } team) claims.Add(new Claim(ActorClaims.Team, team.Value));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ActorClaims.User, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Problem(401, "unauthenticated", "Authentication is required.",
            Context.Items[FailureItem] as string ?? "Send the tenant API key and the acting user.").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Forbidden("Your role does not allow this.").ExecuteAsync(Context);
}
