using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Http;
using BillingFunctions.App.Clock;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Health;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Reminders;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingFunctions.App;

/// <summary>Every service of the app, registered once for whichever host runs its functions.</summary>
public static class BillingServices
{
    /// <summary>
    /// The isolated worker's registration: the worker's Program.cs and the local function host both call it. The HTTP
    /// functions run the endpoints the same Map calls describe (<see cref="EndpointFunctions"/>).
    /// </summary>
    public static IFunctionsWorkerApplicationBuilder AddBillingFunctions(this IFunctionsWorkerApplicationBuilder worker,
        IConfiguration configuration)
    {
        var services = worker.Services;
        services.AddRouting();
        services.AddBilling(configuration);
        var timeTravel = configuration.GetValue<bool>(AppSettings.TimeTravel);
        services.AddSingleton(new EndpointMap(routes =>
        {
            routes.MapHealth();
            routes.MapStripeWebhook();
            routes.MapProcessAdmin();
            routes.MapBillingApi();
            if (timeTravel) routes.MapClock();
        }));
        services.AddSingleton<EndpointFunctions>();
        // The OpenAPI document describes these endpoints; the worker's own routing knows only the functions.
        services.AddSingleton(sp => sp.GetRequiredService<EndpointFunctions>().DataSource);
        return worker;
    }

    /// <summary>The services without a host: stores, Stripe, processes, notifications, the API's authentication.</summary>
    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddHttpClient();
        if (configuration.GetValue<bool>(AppSettings.TimeTravel))
        {
            // A host that fires timers by this clock registers its own first.
            services.TryAddSingleton(new TravelingTimeProvider(TimeProvider.System));
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<TravelingTimeProvider>());
        }
        else
        {
            services.TryAddSingleton(TimeProvider.System);
        }

        SecretSettings.EnsureResolved(configuration);
        services.AddSingleton<StorageAccounts>();
        services.AddHostedService<StorageBootstrap>();
        services.AddSingleton(StripeSettings.From(configuration));
        services.AddSingleton(_ => StripeSettings.Client(configuration));
        services.AddSingleton<HealthChecks>();
        // Stripe signs with the real time, so the tolerance check must not follow a time-travel clock.
        services.AddSingleton(new StripeWebhookVerifier(TimeProvider.System));
        services.AddSingleton<TenantWebhookSecrets>();
        services.AddSingleton<StripeEventStore>();
        services.AddSingleton<StripeEventQueue>().AddSingleton(StorageNeed.ForQueue(StripeEventMessage.QueueName));
        services.AddSingleton<PendingStripeEvents>();
        services.AddSingleton(sp => new StripeEventOwnership(sp.GetRequiredService<Tenancy.TenantDirectory>(),
            sp.GetRequiredService<DunningStripe>().ForAsync));
        services.AddNotifications(configuration);
        services.AddRenewals();
        services.AddDunning(configuration);
        services.AddMonthEnd(configuration);
        services.AddReminders(configuration);
        services.AddBillingApi(configuration);
        return services;
    }
}
