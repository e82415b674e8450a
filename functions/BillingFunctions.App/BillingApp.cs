using BillingFunctions.App.Api;
using BillingFunctions.App.Clock;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Hosting.LocalTriggers;

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
        builder.Services.AddBilling(builder.Configuration).AddFunctions(AppFunctions.All);
        if (LocalTriggerSettings.IsEnabled(builder.Configuration)) builder.Services.AddLocalTriggers(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapFunctions();
        app.MapBillingApi();
        if (builder.Configuration.GetValue<bool>(AppSettings.TimeTravel)) app.MapClock();
        return app;
    }
}
