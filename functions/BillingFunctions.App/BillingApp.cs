using BillingFunctions.App.Api;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App;

/// <summary>The web app that is both the Functions custom handler and, on a laptop, its own trigger runner.</summary>
public static class BillingApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseCustomHandlerPort();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddFunctions(AppFunctions.All);
        builder.Services.AddBillingApi(builder.Configuration);

        var app = builder.Build();
        app.MapFunctions();
        app.MapBillingApi();
        return app;
    }
}
