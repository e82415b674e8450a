using System.Net.Http.Headers;
using System.Net.Http.Json;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Subscriptions;

/// <summary>
/// A tenant provisioned over HTTP on a <see cref="LiveStack"/> with a rep and finance, and the app's time-travel
/// clock, as a developer would drive the running app.
/// </summary>
internal sealed class LiveTenant : IDisposable
{
    public const string PlatformKey = "platform-key-for-live-tests";

    private readonly LiveStack _stack;

    private LiveTenant(LiveStack stack, ProvisionedTenant tenant)
    {
        _stack = stack;
        Tenant = tenant;
        Admin = Client(tenant.AdminUserId);
        Rep = Client("rep-a1");
        Finance = Client("finance");
        Platform = new HttpClient { BaseAddress = stack.AppUrl };
        Platform.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, PlatformKey);
    }

    public ProvisionedTenant Tenant { get; }
    public HttpClient Admin { get; }
    public HttpClient Rep { get; }
    public HttpClient Finance { get; }

    /// <summary>The platform operator, the only one who moves the app's clock.</summary>
    public HttpClient Platform { get; }

    /// <summary>The app settings the stack needs: the platform key, time travel, and billing tables of its own.</summary>
    public static string[] Settings(string table) =>
    [
        $"--{PlatformKeyAuthenticationHandler.KeySetting}={PlatformKey}", "--Clock:TimeTravel=true",
        $"--Billing:Table={table}", $"--Billing:ApiKeyTable={table}keys",
    ];

    public static async Task<LiveTenant> ProvisionAsync(LiveStack stack, string webhookSecret)
    {
        using var platform = new HttpClient { BaseAddress = stack.AppUrl };
        platform.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, PlatformKey);
        var tenant = await ReadAsync<ProvisionedTenant>(await platform.PostAsJsonAsync("/api/v1/platform/tenants", new ProvisionTenantRequest(
            "Year of renewals", "eur", "Europe/Berlin", "sk_test_" + Guid.NewGuid().ToString("N"), null, webhookSecret, "admin", "The Admin"),
            ApiHost.JsonOptions));
        var world = new LiveTenant(stack, tenant);
        foreach (var (id, role, team) in new[] { ("rep-a1", "rep", "team-a"), ("finance", "finance", (string?)null) })
            (await world.Admin.PutAsJsonAsync($"/api/v1/users/{id}", new PutUserRequest(role, team, id), ApiHost.JsonOptions))
                .EnsureSuccessStatusCode();
        return world;
    }

    public async Task<DateTimeOffset> NowAsync() => (await ReadAsync<ClockState>(await Platform.GetAsync("/api/dev/clock"))).Now;

    /// <summary>POST /api/dev/clock: the app's clock jumps to <paramref name="to"/>.</summary>
    public async Task TravelToAsync(DateTimeOffset to) =>
        await ReadAsync<ClockState>(await Platform.PostAsJsonAsync("/api/dev/clock", new { to }, ApiHost.JsonOptions));

    public async Task TravelAsync(TimeSpan by) =>
        await ReadAsync<ClockState>(await Platform.PostAsJsonAsync("/api/dev/clock", new { advanceBy = by }, ApiHost.JsonOptions));

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: " +
                    $"{await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>(ApiHost.JsonOptions))!;
        }
    }

    private HttpClient Client(string userId)
    {
        var client = new HttpClient { BaseAddress = _stack.AppUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tenant.ApiKey);
        client.DefaultRequestHeaders.Add("X-Acting-User", userId);
        return client;
    }

    public void Dispose()
    {
        Admin.Dispose();
        Rep.Dispose();
        Finance.Dispose();
        Platform.Dispose();
    }

    private sealed record ClockState(DateTimeOffset Now, TimeSpan Offset);
}
