using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BillingFunctions.App.Tenancy;

/// <summary>Authenticates the platform operator, who provisions tenants, with the key in <c>Platform:ApiKey</c>.</summary>
internal sealed class PlatformKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PlatformKey";
    public const string Header = "X-Platform-Key";
    public const string KeySetting = Hosting.AppSettings.PlatformApiKey;

    /// <summary>
    /// What platform routes authenticate with: the platform key, or else a tenant's key, so that a tenant known by its
    /// own key is refused with 403 (known, not allowed) while a request with no key at all is asked for the platform key (401).
    /// </summary>
    public const string PlatformOrTenantScheme = "PlatformOrTenantKey";

    public static string SelectScheme(HttpContext context) =>
        !context.Request.Headers.ContainsKey(Header) && context.Request.Headers.Authorization.Count > 0
            ? ApiKeyAuthenticationHandler.SchemeName : SchemeName;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = configuration.Secret(KeySetting);
        var sent = Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(expected) || sent.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        // Compare hashes so the comparison takes the same time whatever the lengths.
        var match = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
        if (!match) return Task.FromResult(AuthenticateResult.Fail("Wrong platform key."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, "platform")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Problem(401, "unauthenticated", "Authentication is required.", $"Send the platform key in {Header}.").ExecuteAsync(Context);
}
