using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Reminders;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.Domain.Reminders;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingFunctions.App.Tests.Reminders;

/// <summary>
/// The app in-process with reminders on their own process table and wake-up queue, so a sweep finds only this
/// host's instances, never those other test classes left in the shared <c>processes</c> table.
/// </summary>
public sealed class ReminderHost : ApiHost
{
    public string ProcessTable { get; } = "p" + Guid.NewGuid().ToString("N");
    public string WakeupQueue { get; } = "rem-" + Guid.NewGuid().ToString("N");

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(sp => new ProcessRuntime<ReminderState, ReminderEvent, SendReminder>(
            new ProcessStore(new TableClient(AzuriteConnectionString, ProcessTable)),
            new QueueClient(AzuriteConnectionString, WakeupQueue, StorageExtensions.QueueOptions()),
            new ReminderDefinition(new(sp.GetRequiredService<ReminderEmails>)), sp.GetRequiredService<TimeProvider>(), NullLogger.Instance));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new TableClient(AzuriteConnectionString, ProcessTable).CreateIfNotExistsAsync();
        await new QueueClient(AzuriteConnectionString, WakeupQueue, StorageExtensions.QueueOptions()).CreateIfNotExistsAsync();
    }
}
