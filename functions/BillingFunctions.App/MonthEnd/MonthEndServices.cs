using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Notifications;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// Month-end billing: its store, commands and opener timer, and the effects of its invoicing orchestration. Customer
/// emails come from <c>Notifications:From</c>.
/// </summary>
public static class MonthEndServices
{
    public static IServiceCollection AddMonthEnd(this IServiceCollection services, IConfiguration configuration)
    {
        var from = NotificationSettings.From(configuration);
        services.AddSingleton<MonthEndStore>().AddSingleton<BillingEntryCommands>().AddSingleton<MonthEndOpener>()
            .AddSingleton<MonthEndInvoiceActions>();
        services.AddSingleton(sp => new MonthEndInvoicingEffects(new(sp.GetRequiredService<MonthEndInvoiceActions>),
            new(sp.GetRequiredService<EmailOutbox>), sp.GetRequiredService<CustomerEmailComposer>(), from));
        return services;
    }
}
