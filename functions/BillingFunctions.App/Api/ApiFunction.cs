using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Api;

/// <summary>
/// The one HTTP function the Functions host routes the whole CRM API through (<c>/api/v1/…</c>); inside the app,
/// route groups take over. Its own handler only answers paths no route group has.
/// </summary>
public static class ApiFunction
{
    public static readonly HttpFunction Declaration = new("api", "v1/{*route}", ["GET", "POST", "PUT", "DELETE", "PATCH"],
        (string route) => Problems.NotFound($"API route /api/v1/{route}"));
}
