using BillingFunctions.Domain.Renewals;
using BillingFunctions.App.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

public class RenewalConcurrencyTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] JanToMar = [Jan1, Jan1.AddMonths(1), Jan1.AddMonths(2)];

    [Fact]
    public async Task The_renewal_timer_firing_twice_at_once_for_the_same_period_starts_one_instance_and_bills_once()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
        await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock);
        var customers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var customer = await harness.CustomerWithCardAsync();
            customers.Add(customer);
            await harness.StoreAsync(RenewalHarness.MonthlySubscription($"sub_twice{i}", Jan1), customer);
        }

        var started = await Task.WhenAll(harness.StartDueAsync(), harness.StartDueAsync());
        // Each subscription's renewal is started once between the two: a start finds the other's instance.
        Assert.InRange(started.Sum(), 5, 10);
        await harness.RunUntilQuietAsync();

        foreach (var customer in customers) await RenewalAssertions.AssertOneInvoicePerPeriodAsync(harness, emulator, customer, JanToMar);
    }

    [Fact]
    public async Task Two_app_instances_on_the_same_storage_and_task_hub_bill_each_period_once()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
        await using var first = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock);
        await using var second = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock);
        var customers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var customer = await first.CustomerWithCardAsync();
            customers.Add(customer);
            // Both instances start every renewal, as two timer runs would.
            await Task.WhenAll(
                first.StartAsync(RenewalHarness.MonthlySubscription($"sub_pair{i}", Jan1), customer),
                second.StartAsync(RenewalHarness.MonthlySubscription($"sub_pair{i}", Jan1), customer));
        }

        // The hub's work goes to whichever instance holds its partition; both settle the same instances.
        await Task.WhenAll(first.RunUntilQuietAsync(), second.RunUntilQuietAsync());

        foreach (var customer in customers) await RenewalAssertions.AssertOneInvoicePerPeriodAsync(first, emulator, customer, JanToMar);
        // Four renewals per subscription (January to April, the last waiting), each run by one instance only.
        Assert.Equal(6 * 4, await DurableProcesses.CountAsync(first.Durable, $"{RenewalHarness.Tenant}|renewal:"));
    }
}
