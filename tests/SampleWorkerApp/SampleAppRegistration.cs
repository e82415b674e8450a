using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleWorkerApp.Middleware;

namespace SampleWorkerApp;

public static class SampleAppRegistration
{
    /// <summary>Every service and worker middleware of the sample app; the worker's Program.cs and the local host both call it.</summary>
    public static IFunctionsWorkerApplicationBuilder AddSampleApp(this IFunctionsWorkerApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InvocationLog>();
        builder.Services.AddScoped<ScopedGreeting>();
        builder.UseMiddleware<RecordingMiddleware>();
        builder.UseWhen<BlockingMiddleware>(context => TriggerType(context) == "httpTrigger");
        return builder;
    }

    public static string TriggerType(FunctionContext context) =>
        context.FunctionDefinition.InputBindings.Values.First(binding => binding.Type.EndsWith("Trigger", StringComparison.Ordinal)).Type;
}
