using Microsoft.DurableTask.Client;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Processes;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Renewals;

namespace BillingFunctions.App.Tests.Subscriptions;

/// <summary>
/// Renewals through the app: the orchestration on the app's task hub, the instance endpoint, and time travel waking
/// the next period's renewal from its durable timer.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class RenewalFunctionTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("renewals-").FullName;
    private readonly string _tenant = Azurite.UniqueName("t");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private TestApp StartApp() => TestApp.Create(new Dictionary<string, string?>
    {
        [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
        [AppSettings.TimeTravel] = "true",
        ["Stripe:Mode"] = "emulator",
        ["Stripe:BaseUrl"] = emulator.BaseUrl.ToString(),
        ["Stripe:ApiKey"] = "sk_test_renewal_functions",
        [PlatformKeyAuthenticationHandler.KeySetting] = ApiHost.PlatformKey,
    }, hostJson: TestApp.WriteHostJson(_directory));

    [Fact]
    public async Task The_orchestration_renews_the_endpoint_shows_it_and_time_travel_wakes_the_next_period()
    {
        using var app = StartApp();
        using var http = app.CreateClient();
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        await using var stripe = await RenewalHarness.CreateAsync(emulator.BaseUrl, await RenewalHarness.NewStorageAsync(), clock);
        var customer = await stripe.CustomerWithCardAsync();
        var start = clock.GetUtcNow().AddHours(-1);
        var subscription = RenewalHarness.MonthlySubscription("sub_app", start) with { Tenant = new(_tenant) };
        await RenewalHarness.StoreInAppAsync(app.Services, subscription, customer);
        var first = RenewalState.Start(subscription);

        Assert.True(await ProcessInstances.StartAsync(durable, RenewalKind.Instance, _tenant, first.InstanceId, first, first.DueAt,
            clock.GetUtcNow(), CancellationToken.None));
        await Eventually.TrueAsync(async () => (await DurableProcesses.ReadAsync(app.Services, _tenant, first.InstanceId))?.Completed == true,
            "the first period is renewed");

        var instance = await http.GetFromJsonAsync<JsonElement>($"/api/processes/{_tenant}/{first.InstanceId}");
        Assert.Equal(("renewal", "Completed"), (instance.GetProperty("type").GetString(), instance.GetProperty("runtimeStatus").GetString()));
        Assert.Equal("Done", instance.GetProperty("state").GetProperty("Phase").GetString());
        Assert.StartsWith("AdvancePeriod ", instance.GetProperty("lastEffect").GetString()); // claim, create, finalize, pay, advance
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/processes/{_tenant}/renewal:nope")).StatusCode);

        // A month later by the app's clock: the next period's renewal sleeps on a durable timer set a month out in real time;
        // the dev clock tells it the new time, and it wakes.
        var second = RenewalState.InstanceIdFor(new("sub_app"), start.AddMonths(1));
        await Eventually.TrueAsync(async () => await DurableProcesses.ReadAsync(app.Services, _tenant, second) is not null,
            "the next period's renewal waits");
        http.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, ApiHost.PlatformKey);
        (await http.PostAsJsonAsync("/api/dev/clock", new { advanceBy = TimeSpan.FromDays(32) })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await DurableProcesses.ReadAsync(app.Services, _tenant, second))!.Completed,
            "the second period is renewed");

        var invoices = await stripe.InvoicesAsync(customer);
        Assert.Equal(2, invoices.Count);
        Assert.All(invoices, i => Assert.Equal("paid", i.Status));
    }
}
