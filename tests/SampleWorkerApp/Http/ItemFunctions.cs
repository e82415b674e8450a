using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace SampleWorkerApp.Http;

public class ItemFunctions(InvocationLog log, ScopedGreeting greeting)
{
    [Function("GetItem")]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "items/{id:int}")] HttpRequest request, int id,
        FunctionContext context)
    {
        log.Add($"GetItem {id}");
        return new OkObjectResult(new { id, function = context.FunctionDefinition.Name, query = request.Query["q"].ToString(), scope = greeting.Id });
    }

    [Function("ChangeItem")]
    public IResult Change([HttpTrigger(AuthorizationLevel.Anonymous, "put", "delete", Route = "items/{id:int}")] HttpRequest request, int id) =>
        HttpMethods.IsDelete(request.Method) ? Results.NoContent() : Results.Ok(new { id, changed = true });

    [Function("Greet")]
    public static async Task<HttpResponseData> Greet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "greet/{name}")] HttpRequestData request, string name)
    {
        var response = request.CreateResponse(System.Net.HttpStatusCode.Accepted);
        response.Headers.Add("X-Greeted", name);
        await response.WriteStringAsync($"hello {name}");
        return response;
    }

    /// <summary>Writes its response itself and returns nothing, as a function running its own pipeline does.</summary>
    [Function("WriteOwnResponse")]
    public static async Task WriteOwn([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "own/{word}")] HttpRequest request, string word)
    {
        request.HttpContext.Response.StatusCode = StatusCodes.Status203NonAuthoritative;
        await request.HttpContext.Response.WriteAsync($"wrote {word}");
    }

    [Function("Boom")]
    public static IActionResult Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post")] HttpRequest request) =>
        throw new InvalidOperationException("the sample function failed on purpose");
}
