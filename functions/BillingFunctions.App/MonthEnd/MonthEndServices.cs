using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Processes;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// Month-end billing: its store, commands and opener timer, and the invoicing process on the durable runtime
/// (table <c>processes</c>, queue <c>month-end-wakeups</c>, both made by StorageBootstrap). Customer emails come from <c>Notifications:From</c>.
/// </summary>
public static class MonthEndServices
{
    public const string WakeupQueue = StorageAccounts.MonthEndWakeupQueue;

    public static IServiceCollection AddMonthEnd(this IServiceCollection services, IConfiguration configuration)
    {
        var from = NotificationSettings.From(configuration);
        services.AddSingleton<MonthEndStore>().AddSingleton<BillingEntryCommands>().AddSingleton<MonthEndOpener>()
            .AddSingleton<MonthEndInvoiceActions>();
        services.AddSingleton(sp => new MonthEndInvoicingProcess(new(sp.GetRequiredService<MonthEndInvoiceActions>),
            new(sp.GetRequiredService<EmailOutbox>),
            sp.GetRequiredService<CustomerEmailComposer>(), from));
        services.AddProcess(WakeupQueue, sp => sp.GetRequiredService<MonthEndInvoicingProcess>());
        return services;
    }
}

/// <summary>Queue function on <c>month-end-wakeups</c>: steps the invoicing of an approved entry.</summary>
public static class StepMonthEndInvoicingFunction
{
    public static readonly QueueFunction Declaration =
        ProcessFunctions.Step<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect>("step-month-end-invoicing",
            MonthEndServices.WakeupQueue);
}

/// <summary>Re-sends month-end invoicing wake-ups whose messages were lost.</summary>
public static class SweepMonthEndInvoicingFunction
{
    public static readonly TimerFunction Declaration =
        ProcessFunctions.Sweep<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect>("sweep-month-end-invoicing");
}
