using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Clock;

public sealed class TimeTravelTests
{
    private sealed record ClockState(DateTimeOffset Now, TimeSpan Offset);

    private static Dictionary<string, string?> Settings(bool timeTravel) => new()
    {
        [AppSettings.TimeTravel] = timeTravel ? "true" : "false",
        [PlatformKeyAuthenticationHandler.KeySetting] = ApiHost.PlatformKey,
    };

    /// <summary>Only the platform operator moves the clock, so every test that moves it sends the platform key.</summary>
    private static HttpClient Platform(TestApp app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, ApiHost.PlatformKey);
        return client;
    }

    [Fact]
    public async Task With_time_travel_on_the_app_clock_moves_forward_on_request()
    {
        using var app = TestApp.Create(Settings(timeTravel: true));
        using var client = Platform(app);

        using var response = await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "2.00:00:00" });
        var state = await response.Content.ReadFromJsonAsync<ClockState>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromDays(2), state!.Offset);
        Assert.InRange(app.Services.GetRequiredService<TimeProvider>().GetUtcNow() - DateTimeOffset.UtcNow,
            TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_clock_never_moves_backwards()
    {
        using var app = TestApp.Create(Settings(timeTravel: true));
        using var client = Platform(app);

        using var response = await client.PostAsJsonAsync("/api/dev/clock", new { to = DateTimeOffset.UtcNow.AddDays(-1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TimeSpan.Zero, (await client.GetFromJsonAsync<ClockState>("/api/dev/clock"))!.Offset);
    }

    [Fact]
    public async Task Without_time_travel_there_is_no_clock_endpoint_and_the_clock_is_the_system_clock()
    {
        using var app = TestApp.Create(Settings(timeTravel: false));
        using var client = Platform(app);

        using var response = await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "1.00:00:00" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Same(TimeProvider.System, app.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task Only_the_platform_key_moves_the_clock_a_tenant_key_is_forbidden_and_no_key_is_unauthenticated()
    {
        var settings = new Dictionary<string, string?>(Settings(timeTravel: true))
        {
            [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
            [StorageAccounts.BillingTableSetting] = Azurite.UniqueName("clock"),
            [StorageAccounts.ApiKeyTableSetting] = Azurite.UniqueName("clockkeys"),
        };
        using var app = TestApp.Create(settings);
        using var platform = Platform(app);
        var tenant = await TenantWorld.ReadAsync<ProvisionedTenant>(await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new ProvisionTenantRequest("Clockless", "eur", "UTC", "sk_test_" + Guid.NewGuid().ToString("N"), null, StripeSignature.NewSecret(),
                "admin", null), ApiHost.JsonOptions));
        using var anonymous = app.CreateClient();
        using var tenantAdmin = app.CreateClient();
        tenantAdmin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);
        tenantAdmin.DefaultRequestHeaders.Add("X-Acting-User", tenant.AdminUserId);
        using var wrongKey = app.CreateClient();
        wrongKey.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, "not-the-platform-key");

        using var unauthenticated = await anonymous.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "1.00:00:00" });
        using var wrong = await wrongKey.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "1.00:00:00" });
        using var forbidden = await tenantAdmin.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "1.00:00:00" });
        Assert.Equal(TimeSpan.Zero, (await anonymous.GetFromJsonAsync<ClockState>("/api/dev/clock"))!.Offset);
        using var moved = await platform.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "1.00:00:00" });

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            (unauthenticated.StatusCode, wrong.StatusCode, forbidden.StatusCode, moved.StatusCode));
        Assert.Equal("application/problem+json", unauthenticated.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(1), (await anonymous.GetFromJsonAsync<ClockState>("/api/dev/clock"))!.Offset);
    }

    [Fact]
    public async Task A_wait_on_the_traveling_clock_ends_when_the_clock_jumps_past_it_and_not_before()
    {
        var clock = new App.Clock.TravelingTimeProvider(TimeProvider.System);
        var hour = Task.Delay(TimeSpan.FromHours(1), clock);
        var day = Task.Delay(TimeSpan.FromDays(1), clock);

        clock.Advance(TimeSpan.FromHours(2));

        Assert.Same(hour, await Task.WhenAny(hour, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.False(day.IsCompleted);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Same(day, await Task.WhenAny(day, Task.Delay(TimeSpan.FromSeconds(10))));
    }
}
