using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Health;

/// <summary>
/// GET /api/health: whether storage (tables and queues) and Stripe answer, each checked with a short timeout.
/// 200 when everything answers, 503 otherwise; the body says which part failed.
/// </summary>
public static class HealthFunction
{
    public static void MapHealth(this IEndpointRouteBuilder routes) => routes.MapGet("/api/health", HandleAsync).WithName("health");

    [Function("health")]
    public static Task Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    private static async Task<IResult> HandleAsync(HealthChecks checks, CancellationToken cancellationToken)
    {
        var report = await checks.RunAsync(cancellationToken);
        return TypedResults.Json(report, statusCode: report.Status == HealthReport.Healthy ? 200 : 503);
    }
}

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, HealthCheckResult> Checks)
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
}

/// <param name="Status">"ok", "unreachable", "failing" or "not-configured".</param>
public sealed record HealthCheckResult(string Status, long DurationMs, string? Detail = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOk => Status == "ok";
}
