using BillingFunctions.Adapters.Dunning;
using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// The dunning runtime over the app's storage (table <c>processes</c>, queue <c>dunning-wakeups</c>), Stripe and the
/// email outbox. Customer emails come from <c>Notifications:From</c> (default billing@billing-functions.local).
/// </summary>
public static class DunningServices
{
    public const string WakeupQueue = "dunning-wakeups";

    /// <summary>Made on first use, so the app starts (and health answers) before storage or Stripe is configured.</summary>
    public static IServiceCollection AddDunning(this IServiceCollection services, IConfiguration configuration)
    {
        var from = NotificationSettings.From(configuration);
        services.AddProcess(WakeupQueue, sp =>
        {
            var emails = new Lazy<DunningEmails>(() => new DunningEmails(sp.GetRequiredService<EmailOutbox>(),
                sp.GetRequiredService<CustomerEmailComposer>(), from));
            var reps = new Lazy<DunningRepNotices>(() => new DunningRepNotices(sp.GetRequiredService<TenantDirectory>(),
                sp.GetRequiredService<InvoiceStore>(), sp.GetRequiredService<UserDirectory>(), sp.GetRequiredService<EmailOutbox>(), from,
                NotificationSettings.MessageIdDomain(configuration), sp.GetRequiredService<ILogger<DunningRepNotices>>()));
            var subscriptions = new Lazy<DunningSubscriptions>(() => new DunningSubscriptions(sp.GetRequiredService<SubscriptionStore>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DunningSubscriptions>>()));
            return new DunningDefinition(sp.GetRequiredService<DunningStripe>(), emails, reps, subscriptions);
        });
        services.AddSingleton(sp => DunningStripe.PerTenant(sp.GetRequiredService<TenantDirectory>(), sp.GetRequiredService<TenantStripe>(),
            new Lazy<Adapters.StripeApi.StripeAccount>(() =>
                sp.GetRequiredService<StripeSettings>().PlatformAccount(sp.GetRequiredService<Stripe.StripeClient>()))));
        services.AddSingleton<DunningSettingsStore>().AddSingleton<DunningCustomerIndex>().AddSingleton<DunningCrmEvents>()
            .AddSingleton<IInvoiceHoldListener>(sp => sp.GetRequiredService<DunningCrmEvents>())
            .AddSingleton<IDefaultCardListener>(sp => sp.GetRequiredService<DunningCrmEvents>())
            .AddSingleton<DunningHolds>();
        services.AddSingleton(sp => new DunningStripeEvents(sp.GetRequiredService<ProcessRuntime<DunningState, DunningEvent, DunningEffect>>(),
            sp.GetRequiredService<DunningStripe>(), sp.GetRequiredService<DunningSettingsStore>(),
            sp.GetRequiredService<DunningCustomerIndex>(), sp.GetRequiredService<DunningHolds>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DunningStripeEvents>>()));
        services.AddSingleton<IStripeEventHandler>(sp => sp.GetRequiredService<DunningStripeEvents>());
        return services;
    }
}
