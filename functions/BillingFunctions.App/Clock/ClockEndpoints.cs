using BillingFunctions.App.Api;
using BillingFunctions.App.Tenancy;

namespace BillingFunctions.App.Clock;

/// <summary>
/// GET/POST /api/dev/clock, mapped only with Clock:TimeTravel; not a declared function, so never deployed. Moving the
/// clock moves every tenant's renewals, dunning and month end, so only the platform operator may (its key in
/// X-Platform-Key: 401 without a key, 403 with a tenant's). Reading it stays open: it shows the app's time and offset, nothing of a tenant.
/// </summary>
internal static class ClockEndpoints
{
    public sealed record ClockState(DateTimeOffset Now, TimeSpan Offset);

    public sealed record AdvanceRequest(TimeSpan? AdvanceBy, DateTimeOffset? To);

    public static void MapClock(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dev/clock", (TravelingTimeProvider clock) => new ClockState(clock.GetUtcNow(), clock.Offset));
        app.MapPost("/api/dev/clock", (AdvanceRequest request, TravelingTimeProvider clock) =>
        {
            var by = request.AdvanceBy ?? (request.To is { } to ? to - clock.GetUtcNow() : TimeSpan.Zero);
            if (by < TimeSpan.Zero)
                return Problems.Problem(400, "clock-backwards", "The clock only moves forward.");
            clock.Advance(by);
            return Results.Ok(new ClockState(clock.GetUtcNow(), clock.Offset));
        }).RequireAuthorization(Policies.Platform);
    }
}
