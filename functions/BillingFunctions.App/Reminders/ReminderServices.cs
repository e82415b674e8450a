using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Reminders;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Reminders;

/// <summary>
/// The reminders runtime over the app's storage (table <c>processes</c>, queue <c>reminder-wakeups</c>), the tenant's
/// Stripe account and the email outbox; emails come from <c>Notifications:From</c> like dunning's.
/// </summary>
public static class ReminderServices
{
    public const string WakeupQueue = "reminder-wakeups";

    /// <summary>Made on first use, so the app starts (and health answers) before storage is configured.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        var from = NotificationSettings.From(configuration);
        services.AddSingleton<ReminderSettingsStore>();
        services.AddSingleton(sp => new ReminderEmails(sp.GetRequiredService<TenantDirectory>(), sp.GetRequiredService<TenantStripe>(),
            sp.GetRequiredService<InvoiceStore>(), sp.GetRequiredService<EmailOutbox>(), sp.GetRequiredService<CustomerEmailComposer>(), from,
            sp.GetRequiredService<ILogger<ReminderEmails>>()));
        services.AddProcess(WakeupQueue, sp => new ReminderDefinition(new(sp.GetRequiredService<ReminderEmails>)));
        services.AddSingleton<ReminderStripeEvents>();
        services.AddSingleton<IStripeEventHandler>(sp => sp.GetRequiredService<ReminderStripeEvents>());
        return services;
    }
}
