using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsLocalHost.Tests.Discovery;

/// <summary>Functions the local host cannot run; this test assembly is the "app" that shows it refuses them.</summary>
public static class UnsupportedFunctions
{
    [Function("ReadBlob")]
    public static string ReadBlob([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request,
        [BlobInput("samples/readme.txt")] string content) => content;

    [Function("PostedText")]
    public static string PostedText([HttpTrigger(AuthorizationLevel.Anonymous, "post")] string body) => body;

    [Function("Forward")]
    [QueueOutput("forwarded")]
    public static string Forward([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequest request) => "forwarded";

    [Function("Counter")]
    public static Task Counter([EntityTrigger] TaskEntityDispatcher dispatcher) => Task.CompletedTask;
}
