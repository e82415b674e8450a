using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

public class RenewalConcurrencyTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] JanToMar = [Jan1, Jan1.AddMonths(1), Jan1.AddMonths(2)];

    [Fact]
    public async Task Two_sweeps_at_once_still_bill_each_period_once()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
        var harness = RenewalHarness.Create(emulator.BaseUrl, storage, clock);
        var customers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var customer = await harness.CustomerWithCardAsync();
            customers.Add(customer);
            await harness.StartAsync(RenewalHarness.MonthlySubscription($"sub_sweep{i}", Jan1), customer);
        }
        await DeleteAllMessagesAsync(storage.Queue); // every wake-up lost: only the sweeps know about them

        var swept = await Task.WhenAll(harness.Runtime.SweepAsync(TimeSpan.Zero), harness.Runtime.SweepAsync(TimeSpan.Zero));
        Assert.Equal([5, 5], swept);
        await Task.WhenAll(harness.RunUntilQuietAsync(parallelism: 8), Task.WhenAll(harness.Runtime.SweepAsync(TimeSpan.Zero),
            harness.Runtime.SweepAsync(TimeSpan.Zero)));
        await harness.RunUntilQuietAsync();

        foreach (var customer in customers) await RenewalAssertions.AssertOneInvoicePerPeriodAsync(harness, emulator, customer, JanToMar);
    }

    [Fact]
    public async Task Two_app_instances_on_the_same_storage_bill_each_period_once()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
        var first = RenewalHarness.Create(emulator.BaseUrl, storage, clock);
        var second = RenewalHarness.Create(emulator.BaseUrl, storage, clock);
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

        // Each sweep re-sends every overdue instance, so both instances step the same renewals at once.
        await Task.WhenAll(first.Runtime.SweepAsync(TimeSpan.Zero), second.Runtime.SweepAsync(TimeSpan.Zero));
        await Task.WhenAll(first.RunUntilQuietAsync(parallelism: 6), second.RunUntilQuietAsync(parallelism: 6));
        await first.RunUntilQuietAsync();

        foreach (var customer in customers) await RenewalAssertions.AssertOneInvoicePerPeriodAsync(first, emulator, customer, JanToMar);
    }

    private static async Task DeleteAllMessagesAsync(string queueName)
    {
        var queue = new QueueClient(RenewalHarness.ConnectionString, queueName, StorageExtensions.QueueOptions());
        while ((await queue.ReceiveMessagesAsync(StorageExtensions.MaxMessagesPerReceive)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages) await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }
}
