using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// Subscriptions in the app's billing table and the effects of their renewal orchestrations, on each tenant's own
/// Stripe account.
/// </summary>
public static class RenewalServices
{
    /// <summary>Made on first use, so the app starts (and health answers) before storage or Stripe is configured.</summary>
    public static IServiceCollection AddRenewals(this IServiceCollection services)
    {
        services.AddSingleton<SubscriptionStore>().AddSingleton<PeriodClaims>().AddSingleton<RenewalInvoices>().AddSingleton<RenewalEffects>()
            .AddSingleton<DueRenewals>()
            .AddSingleton<RenewalStripeEvents>()
            .AddSingleton<IStripeEventHandler>(sp => sp.GetRequiredService<RenewalStripeEvents>());
        return services;
    }
}
