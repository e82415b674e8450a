using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Reminders;

/// <summary>
/// Reminders over the tenant's Stripe account and the email outbox, their instances on the Durable task hub; emails come
/// from <c>Notifications:From</c> like dunning's.
/// </summary>
public static class ReminderServices
{
    /// <summary>Made on first use, so the app starts (and health answers) before storage is configured.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        var from = NotificationSettings.From(configuration);
        services.AddSingleton<ReminderSettingsStore>();
        services.AddSingleton(sp => new ReminderEmails(sp.GetRequiredService<TenantDirectory>(), sp.GetRequiredService<TenantStripe>(),
            sp.GetRequiredService<InvoiceStore>(), sp.GetRequiredService<EmailOutbox>(), sp.GetRequiredService<CustomerEmailComposer>(), from,
            sp.GetRequiredService<ILogger<ReminderEmails>>()));
        services.AddSingleton<ReminderStripeEvents>();
        services.AddSingleton<IStripeEventHandler>(sp => sp.GetRequiredService<ReminderStripeEvents>());
        return services;
    }
}
