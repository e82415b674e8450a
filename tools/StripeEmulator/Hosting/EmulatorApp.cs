using StripeEmulator.BillingPortal;
using StripeEmulator.Control;
using StripeEmulator.CreditNotes;
using StripeEmulator.Customers;
using StripeEmulator.Events;
using StripeEmulator.Faults;
using StripeEmulator.Http;
using StripeEmulator.InvoiceItems;
using StripeEmulator.Invoices;
using StripeEmulator.PaymentMethods;
using StripeEmulator.Payments;
using StripeEmulator.Refunds;
using StripeEmulator.State;
using StripeEmulator.Webhooks;

namespace StripeEmulator;

internal static class EmulatorApp
{
    public static IServiceCollection AddEmulator(this IServiceCollection services, EmulatorOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<EmulatorState>();
        services.AddSingleton<EmulatorUrls>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton(new RateLimiter(options.RateLimitPerSecond));
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }

    public static WebApplication UseEmulator(this WebApplication app)
    {
        app.UseMiddleware<StripePipeline>();
        app.MapCustomers();
        app.MapPaymentMethods();
        app.MapSetupIntents();
        app.MapInvoiceItems();
        app.MapInvoices();
        app.MapInvoicePayments();
        app.MapPaymentIntents();
        app.MapBillingPortal();
        app.MapEvents();
        app.MapRefunds();
        app.MapCreditNotes();
        app.MapHostedInvoicePages();
        app.MapPortalPages();
        app.MapControl();
        app.MapFallback((HttpContext http) => http.Request.Path.StartsWithSegments("/v1")
            ? throw ApiException.NotFoundUrl(http.Request.Method, http.Request.Path)
            : Results.NotFound());
        return app;
    }
}
