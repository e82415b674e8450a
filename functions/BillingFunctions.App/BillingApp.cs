using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Health;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Hosting.LocalTriggers;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App;

/// <summary>The web app that is both the Functions custom handler and, on a laptop, its own trigger runner.</summary>
public static class BillingApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseCustomHandlerPort();
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddHttpClient();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageAccounts>();
        services.AddHostedService<StorageBootstrap>();
        services.AddSingleton(StripeSettings.From(builder.Configuration));
        services.AddSingleton<HealthChecks>();
        services.AddSingleton(sp => new StripeWebhookVerifier(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TenantWebhookSecrets>();
        services.AddSingleton<StripeEventStore>();
        services.AddSingleton<StripeEventQueue>();
        services.AddFunctions(AppFunctions.All);
        if (LocalTriggerSettings.IsEnabled(builder.Configuration)) services.AddLocalTriggers(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapFunctions();
        return app;
    }
}
