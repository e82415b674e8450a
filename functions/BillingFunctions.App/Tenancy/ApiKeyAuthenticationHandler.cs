using System.Security.Claims;
using System.Text.Encodings.Web;
using BillingFunctions.App.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// Authenticates the CRM through <see cref="CallerResolver"/>, which keeps the resolved caller on the request, and
/// answers a refused request with a 401 problem that says why, a request its role does not allow with a 403.
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

        // Handlers read the caller; the principal only names the user and carries the role the policies check.
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, caller.User.Id.Value), new Claim(ClaimTypes.Role, caller.User.Role.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Problem(401, "unauthenticated", "Authentication is required.",
            Context.Items[FailureItem] as string ?? "Send the tenant API key and the acting user.").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Forbidden("Your role does not allow this.").ExecuteAsync(Context);
}
