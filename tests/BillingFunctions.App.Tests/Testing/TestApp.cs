using BillingFunctions.App.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>The app in-process with the given settings and extra function declarations.</summary>
internal static class TestApp
{
    public static WebApplicationFactory<Program> Create(IReadOnlyDictionary<string, string?> settings, params FunctionDeclaration[] functions) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings) web.UseSetting(key, value);
            web.ConfigureTestServices(services =>
            {
                foreach (var function in functions) services.AddSingleton(function);
            });
        });

    /// <summary>A host.json for tests: the app's own with quick retries and polling.</summary>
    public static string WriteHostJson(string directory, int maxDequeueCount = 3, int batchSize = 16)
    {
        var path = Path.Combine(directory, "host.json");
        File.WriteAllText(path, $$"""
            {
              "version": "2.0",
              "extensions": {
                "queues": {
                  "batchSize": {{batchSize}},
                  "maxDequeueCount": {{maxDequeueCount}},
                  "visibilityTimeout": "00:00:00",
                  "maxPollingInterval": "00:00:00.200"
                }
              }
            }
            """);
        return path;
    }
}
