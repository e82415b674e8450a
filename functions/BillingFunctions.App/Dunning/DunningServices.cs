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
/// Dunning over the tenant's Stripe account, the email outbox and the subscription store, its instances on the Durable
/// task hub. Customer emails come from <c>Notifications:From</c> (default billing@billing-functions.local).
/// </summary>
public static class DunningServices
{
    /// <summary>Made on first use, so the app starts (and health answers) before storage or Stripe is configured.</summary>
    public static IServiceCollection AddDunning(this IServiceCollection services, IConfiguration configuration)
    {
        var from = NotificationSettings.From(configuration);
        services.AddSingleton(sp => new DunningEmails(sp.GetRequiredService<EmailOutbox>(), sp.GetRequiredService<CustomerEmailComposer>(), from));
        services.AddSingleton(sp => new DunningRepNotices(sp.GetRequiredService<TenantDirectory>(), sp.GetRequiredService<InvoiceStore>(),
            sp.GetRequiredService<UserDirectory>(), sp.GetRequiredService<EmailOutbox>(), from, NotificationSettings.MessageIdDomain(configuration),
            sp.GetRequiredService<ILogger<DunningRepNotices>>()));
        services.AddSingleton<DunningSubscriptions>().AddSingleton<DunningEffects>();
        services.AddSingleton(sp => DunningStripe.PerTenant(sp.GetRequiredService<TenantDirectory>(), sp.GetRequiredService<TenantStripe>(),
            new Lazy<Adapters.StripeApi.StripeAccount>(() =>
                sp.GetRequiredService<StripeSettings>().PlatformAccount(sp.GetRequiredService<Stripe.StripeClient>()))));
        services.AddSingleton<DunningSettingsStore>().AddSingleton<DunningCustomerIndex>().AddSingleton<DunningCrmEvents>()
            .AddSingleton<IInvoiceHoldListener>(sp => sp.GetRequiredService<DunningCrmEvents>())
            .AddSingleton<IDefaultCardListener>(sp => sp.GetRequiredService<DunningCrmEvents>())
            .AddSingleton<DunningHolds>();
        services.AddSingleton(sp => new DunningStripeEvents(sp.GetRequiredService<DunningStripe>(), sp.GetRequiredService<DunningSettingsStore>(),
            sp.GetRequiredService<DunningCustomerIndex>(), sp.GetRequiredService<DunningHolds>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DunningStripeEvents>>()));
        services.AddSingleton<IStripeEventHandler>(sp => sp.GetRequiredService<DunningStripeEvents>());
        return services;
    }
}
