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
/// Renewals through the app: the step-renewal queue function fired by the local runner, the instance endpoint, time
/// travel. In the webhook tests' collection: both apps poll the one renewal-wakeups queue, so they take turns.
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
    }, running: ["step-renewal"], hostJson: TestApp.WriteHostJson(_directory));

    [Fact]
    public async Task Queue_function_renews_and_time_travel_brings_the_next_period_whose_history_the_endpoint_shows()
    {
        using var app = StartApp();
        using var http = app.CreateClient();
        var runtime = app.Services.GetRequiredService<ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect>>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var stripe = RenewalHarness.Create(emulator.BaseUrl, await RenewalHarness.NewStorageAsync(), clock);
        var customer = await stripe.CustomerWithCardAsync();
        var start = clock.GetUtcNow().AddHours(-1);
        var subscription = RenewalHarness.MonthlySubscription("sub_app", start) with { Tenant = new(_tenant) };
        await RenewalHarness.StoreInAppAsync(app.Services, subscription, customer);
        var first = RenewalState.Start(subscription);

        Assert.True(await runtime.StartAsync(_tenant, first.InstanceId, first, first.DueAt));
        await Eventually.TrueAsync(async () => (await runtime.GetAsync(_tenant, first.InstanceId))!.Completed, "the first period is renewed");

        var instance = await http.GetFromJsonAsync<JsonElement>($"/api/processes/{_tenant}/{first.InstanceId}");
        Assert.True(instance.GetProperty("completed").GetBoolean());
        Assert.Equal("Done", instance.GetProperty("state").GetProperty("Phase").GetString());
        Assert.Equal(6, instance.GetProperty("history").GetArrayLength()); // claim, create, finalize, pay, advance, done
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/processes/{_tenant}/renewal:nope")).StatusCode);

        // A month later by the app's clock; the wake-up sent with a real-time delay is not due yet, the sweep knows better.
        http.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, ApiHost.PlatformKey);
        (await http.PostAsJsonAsync("/api/dev/clock", new { advanceBy = TimeSpan.FromDays(32) })).EnsureSuccessStatusCode();
        // At least ours: the processes table is shared with the other app tests, whose instances may be overdue too.
        Assert.True(await runtime.SweepAsync(ProcessFunctions.SweepGrace) >= 1);
        var second = RenewalState.InstanceIdFor(new("sub_app"), start.AddMonths(1));
        await Eventually.TrueAsync(async () => (await runtime.GetAsync(_tenant, second))!.Completed, "the second period is renewed");

        var invoices = await stripe.InvoicesAsync(customer);
        Assert.Equal(2, invoices.Count);
        Assert.All(invoices, i => Assert.Equal("paid", i.Status));
    }
}
