using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// Subscriptions and their renewal runtime over the app's storage (the billing table for subscriptions, table
/// <c>processes</c> and queue <c>renewal-wakeups</c> for renewals), on each tenant's own Stripe account.
/// </summary>
public static class RenewalServices
{
    public const string WakeupQueue = "renewal-wakeups";

    /// <summary>Made on first use, so the app starts (and health answers) before storage or Stripe is configured.</summary>
    public static IServiceCollection AddRenewals(this IServiceCollection services)
    {
        services.AddSingleton<SubscriptionStore>().AddSingleton<PeriodClaims>().AddSingleton<RenewalInvoices>().AddSingleton<RenewalProcess>()
            .AddSingleton<DueRenewals>()
            .AddSingleton<RenewalStripeEvents>()
            .AddSingleton<IStripeEventHandler>(sp => sp.GetRequiredService<RenewalStripeEvents>());
        services.AddProcess(WakeupQueue, sp => sp.GetRequiredService<RenewalProcess>());
        return services;
    }
}
