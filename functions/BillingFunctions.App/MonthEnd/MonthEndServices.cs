using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Processes;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// Month-end billing: its store, commands and opener timer, and the invoicing process on the durable runtime
/// (table <c>processes</c>, queue <c>month-end-wakeups</c>, both made by StorageBootstrap). Customer emails come from <c>Notifications:From</c>.
/// </summary>
public static class MonthEndServices
{
    public const string WakeupQueue = "month-end-wakeups";

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
    [Function("step-month-end-invoicing")]
    public static Task RunAsync([QueueTrigger(MonthEndServices.WakeupQueue, Connection = AppSettings.StorageConnectionSetting)] string message,
        FunctionContext context, CancellationToken cancellationToken) =>
        ProcessFunctions.StepAsync<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect>(message, context, cancellationToken);
}

/// <summary>Re-sends month-end invoicing wake-ups whose messages were lost.</summary>
public static class SweepMonthEndInvoicingFunction
{
    [Function("sweep-month-end-invoicing")]
    public static Task RunAsync([TimerTrigger(ProcessFunctions.SweepSchedule)] TimerInfo timer, FunctionContext context,
        CancellationToken cancellationToken) =>
        ProcessFunctions.SweepAsync<MonthEndInvoicingState, MonthEndInvoicingEvent, MonthEndInvoicingEffect>(context, cancellationToken);
}
