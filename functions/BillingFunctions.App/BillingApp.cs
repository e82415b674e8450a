using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Api;
using BillingFunctions.App.Clock;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Health;
using BillingFunctions.App.Hosting.LocalTriggers;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Reminders;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App;

/// <summary>The web app that is both the Functions custom handler and, on a laptop, its own trigger runner.</summary>
public static class BillingApp
{
    public static WebApplication Build(string[] args)
    {
        // Content root is where the executable is, not the current directory: the Functions host may start us from
        // the package root, and appsettings.json sits next to the executable in handler/.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.UseCustomHandlerPort();
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddHttpClient();
        var timeTravel = builder.Configuration.GetValue<bool>(AppSettings.TimeTravel);
        if (timeTravel)
        {
            services.AddSingleton(new TravelingTimeProvider(TimeProvider.System));
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<TravelingTimeProvider>());
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        services.AddSingleton<StorageAccounts>();
        services.AddHostedService<StorageBootstrap>();
        services.AddSingleton(StripeSettings.From(builder.Configuration));
        services.AddSingleton(_ => StripeSettings.Client(builder.Configuration));
        services.AddSingleton<HealthChecks>();
        // Stripe signs with the real time, so the tolerance check must not follow a time-travel clock.
        services.AddSingleton(new StripeWebhookVerifier(TimeProvider.System));
        services.AddSingleton<TenantWebhookSecrets>();
        services.AddSingleton<StripeEventStore>();
        services.AddSingleton<StripeEventQueue>();
        services.AddSingleton<PendingStripeEvents>();
        services.AddSingleton(sp => new StripeEventOwnership(sp.GetRequiredService<Tenancy.TenantDirectory>(),
            sp.GetRequiredService<Dunning.DunningStripe>().ForAsync));
        services.AddNotifications(builder.Configuration);
        services.AddRenewals();
        services.AddDunning(builder.Configuration);
        services.AddMonthEnd(builder.Configuration);
        services.AddReminders(builder.Configuration);
        services.AddFunctions(AppFunctions.All);
        services.AddBillingApi(builder.Configuration);
        if (LocalTriggerSettings.IsEnabled(builder.Configuration)) services.AddLocalTriggers(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapFunctions();
        app.MapBillingApi();
        if (timeTravel) app.MapClock();
        return app;
    }
}
