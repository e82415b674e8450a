using Azure.Storage.Queues;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Processes;

public static class ProcessServices
{
    /// <summary>
    /// Registers the runtime of one kind of process over the app's storage (table <c>processes</c>, its own wake-up
    /// queue), also as an <see cref="IProcessRuntime"/> for the instance endpoint. Made on first use, so the app
    /// starts (and health answers) before storage is configured.
    /// </summary>
    public static IServiceCollection AddProcess<TState, TEvent, TEffect>(this IServiceCollection services, string wakeupQueue,
        Func<IServiceProvider, ProcessDefinition<TState, TEvent, TEffect>> definition)
        where TState : notnull where TEvent : notnull where TEffect : notnull
    {
        services.AddSingleton(StorageNeed.ForTable(ProcessStore.TableName)).AddSingleton(StorageNeed.ForQueue(wakeupQueue));
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<StorageAccounts>();
            var made = definition(sp);
            return new ProcessRuntime<TState, TEvent, TEffect>(
                new ProcessStore(storage.GetTableService().GetTableClient(ProcessStore.TableName)),
                storage.GetQueueService().GetQueueClient(wakeupQueue), made, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(made.GetType()));
        });
        services.AddSingleton<IProcessRuntime>(sp => sp.GetRequiredService<ProcessRuntime<TState, TEvent, TEffect>>());
        return services;
    }
}
