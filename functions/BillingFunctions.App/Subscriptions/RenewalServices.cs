using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.Domain.Renewals;

namespace BillingFunctions.App.Subscriptions;

/// <summary>The renewal runtime over the app's storage (table <c>processes</c>, queue <c>renewal-wakeups</c>) and Stripe.</summary>
public static class RenewalServices
{
    public const string WakeupQueue = "renewal-wakeups";

    /// <summary>Made on first use, so the app starts (and health answers) before storage or Stripe is configured.</summary>
    public static IServiceCollection AddRenewals(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var stripe = sp.GetRequiredService<StripeSettings>();
            var time = sp.GetRequiredService<TimeProvider>();
            return new RenewalProcess(new StripeClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(RenewalProcess)),
                stripe.ClientOptions(time), sp.GetRequiredService<ILogger<StripeClient>>()));
        });
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<StorageAccounts>();
            return new ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect>(
                new ProcessStore(storage.GetTableService().GetTableClient(ProcessStore.TableName)),
                storage.GetQueueService().GetQueueClient(WakeupQueue),
                sp.GetRequiredService<RenewalProcess>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<RenewalProcess>>());
        });
        services.AddSingleton<IProcessRuntime>(sp => sp.GetRequiredService<ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect>>());
        return services;
    }
}
