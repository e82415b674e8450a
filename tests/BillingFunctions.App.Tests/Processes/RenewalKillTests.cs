using System.Net.Http.Json;
using BillingFunctions.App.Clock;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Renewals;
using Microsoft.DurableTask.Client;
using Stripe;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>
/// 200 renewals run by tools/BillingLocalHost as its own process, killed with SIGKILL at random moments and started
/// again twenty times on the same storage and task hub; every restart moves the dev clock, so the find-due-renewals
/// timer fires again for periods it started before. Stripe must end with one invoice per subscription and period, and
/// one charge.
/// </summary>
[Collection(Name)]
public class RenewalKillTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    /// <summary>Run alone, after the rest: it keeps the two cores busy, and other tests' waits are not made for that.</summary>
    public const string Name = "Kill tests";

    private const int Subscriptions = 200;
    private const int Customers = 20;
    private const int Kills = 20;

    [Fact]
    public async Task Killing_the_host_twenty_times_while_200_renewals_run_bills_each_period_once_and_charges_it_once()
    {
        var table = "t" + Guid.NewGuid().ToString("N");
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var customers = new List<string>();
        // Seeded by the app in-process on a hub of its own: tenant, customers with cards, subscriptions due now.
        await using (var seed = await RenewalHarness.CreateAsync(emulator.BaseUrl, await RenewalHarness.NewStorageAsync() with { Table = table },
            TimeProvider.System))
        {
            for (var c = 0; c < Customers; c++) customers.Add(await seed.CustomerWithCardAsync());
            for (var s = 0; s < Subscriptions; s++)
                await seed.StoreAsync(RenewalHarness.MonthlySubscription($"sub_kill{s}", start), customers[s % Customers]);
        }

        var directory = Directory.CreateTempSubdirectory("kill-").FullName;
        var hostJson = TestApp.WriteHostJson(directory);
        var log = Path.Combine(directory, "host.log");
        var settings = new Dictionary<string, string>
        {
            [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString, ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            [StorageAccounts.BillingTableSetting] = table + "billing", [StorageAccounts.ApiKeyTableSetting] = table + "keys",
            [TenantStripe.BaseUrlSetting] = emulator.BaseUrl.ToString(), [AppSettings.TimeTravel] = "true",
            [PlatformKeyAuthenticationHandler.KeySetting] = ApiHost.PlatformKey,
        };
        var random = new Random(20261204);
        for (var kill = 0; kill < Kills; kill++)
        {
            using var host = await LocalHostProcess.StartAsync(settings, hostJson, log);
            await NudgeTimerAsync(host);
            await Task.Delay(random.Next(300, 2500));
            host.Kill();
        }

        using var last = await LocalHostProcess.StartAsync(settings, hostJson, log);
        await NudgeTimerAsync(last);
        await Eventually.TrueAsync(async () => await PaidInvoicesAsync(customers) == Subscriptions, "every first period invoiced and paid",
            TimeSpan.FromMinutes(4));

        // One invoice per subscription and period, and one successful charge for it.
        var stripe = TestStripe.Account(emulator.BaseUrl, "sk_test_processes");
        var perPeriod = new Dictionary<string, int>();
        foreach (var customer in customers)
        {
            var invoices = await stripe.V1.Invoices.ListAsync(new InvoiceListOptions { Customer = customer, Limit = 100 }, stripe.Read());
            foreach (var invoice in invoices.Data)
            {
                var key = invoice.Metadata!["subscription"] + "@" + invoice.Metadata["period_start"];
                perPeriod[key] = perPeriod.GetValueOrDefault(key) + 1;
            }
            var charges = await emulator.ChargesAsync(customer);
            Assert.Equal(Subscriptions / Customers, charges.Count(c => c.GetProperty("status").GetString() == "succeeded"));
        }
        Assert.Equal(Subscriptions, perPeriod.Count);
        Assert.All(perPeriod, p => Assert.Equal(1, p.Value));
        Assert.Equal(start.ToUnixTimeSeconds(), perPeriod.Keys.Select(k => long.Parse(k.Split('@')[1])).Distinct().Single());
    }

    /// <summary>Moves the host's clock past the next find-due-renewals occurrence, so the timer fires now (again).</summary>
    private static async Task NudgeTimerAsync(LocalHostProcess host)
    {
        using var platform = new HttpClient { BaseAddress = host.Address };
        platform.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, ApiHost.PlatformKey);
        (await platform.PostAsJsonAsync("/api/dev/clock", new ClockEndpoints.AdvanceRequest(TimeSpan.FromMinutes(6), null)))
            .EnsureSuccessStatusCode();
    }

    private async Task<int> PaidInvoicesAsync(IEnumerable<string> customers)
    {
        var stripe = TestStripe.Account(emulator.BaseUrl, "sk_test_processes");
        var paid = 0;
        foreach (var customer in customers)
            paid += (await stripe.V1.Invoices.ListAsync(new InvoiceListOptions { Customer = customer, Limit = 100, Status = "paid" },
                stripe.Read())).Data.Count;
        return paid;
    }
}

[CollectionDefinition(RenewalKillTests.Name, DisableParallelization = true)]
public sealed class KillTestsCollection;
