using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Processes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Clock;

/// <summary>
/// GET/POST /api/dev/clock, mapped only with Clock:TimeTravel; without it, as in every deployment, its functions answer 404. Moving the
/// clock moves every tenant's renewals, dunning and month end, so only the platform operator may (its key in
/// X-Platform-Key: 401 without a key, 403 with a tenant's). Reading it stays open: it shows the app's time and offset, nothing of a
/// tenant.
/// </summary>
public static class ClockEndpoints
{
    public sealed record ClockState(DateTimeOffset Now, TimeSpan Offset);

    public sealed record AdvanceRequest(TimeSpan? AdvanceBy, DateTimeOffset? To);

    private const string ReadFunction = "dev-clock";
    private const string AdvanceFunction = "dev-clock-advance";

    [Function(ReadFunction)]
    public static Task Read([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/clock")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function(AdvanceFunction)]
    public static Task Advance([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dev/clock")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    public static void MapClock(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dev/clock", (TravelingTimeProvider clock) => new ClockState(clock.GetUtcNow(), clock.Offset)).WithName(ReadFunction);
        app.MapPost("/api/dev/clock", async (AdvanceRequest request, TravelingTimeProvider clock, HttpContext http) =>
        {
            var by = request.AdvanceBy ?? (request.To is { } to ? to - clock.GetUtcNow() : TimeSpan.Zero);
            if (by < TimeSpan.Zero)
                return Problems.Problem(400, "clock-backwards", "The clock only moves forward.");
            clock.Advance(by);
            // Durable timers run on the task hub's clock: running processes learn the jump and wake if their moment came.
            await ProcessInstances.TickAsync(DurableClients.Of(http), clock.GetUtcNow(), tenant: null, http.RequestAborted);
            return Results.Ok(new ClockState(clock.GetUtcNow(), clock.Offset));
        }).RequireAuthorization(Policies.Platform).WithName(AdvanceFunction);
    }
}
