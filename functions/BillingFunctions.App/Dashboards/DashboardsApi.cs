using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Reporting;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Dashboards;

public sealed record RepDashboard(string UserId, string Quarter, IReadOnlyList<FiguresResponse> Current, string PreviousQuarter,
    IReadOnlyList<FiguresResponse> Previous);

public sealed record RepFigures(string UserId, IReadOnlyList<FiguresResponse> Figures);

public sealed record TeamDashboard(string TeamId, string Quarter, IReadOnlyList<RepFigures> Reps, IReadOnlyList<FiguresResponse> Totals,
    IReadOnlyList<FiguresResponse> PreviousTotals);

public sealed record TenantDashboard(string Quarter, IReadOnlyList<FiguresResponse> Totals, IReadOnlyList<FiguresResponse> PreviousTotals,
    IReadOnlyList<RepFigures> Reps);

public sealed record LabelFigures(string Label, IReadOnlyList<FiguresResponse> Figures);

public static class DashboardsApi
{
    public static void MapDashboards(this IEndpointRouteBuilder api)
    {
        var dashboards = api.MapGroup("/dashboards").WithTags("Dashboards");
        dashboards.MapGet("/rep", RepAsync).RequireAuthorization(Policies.TenantUser).WithName("GetRepDashboard").Produces<RepDashboard>();
        dashboards.MapGet("/team", TeamAsync).RequireAuthorization(Policies.TenantUser).WithName("GetTeamDashboard").Produces<TeamDashboard>();
        dashboards.MapGet("/tenant", TenantAsync).RequireAuthorization(Policies.Finance).WithName("GetTenantDashboard").Produces<TenantDashboard>();
        dashboards.MapGet("/labels", LabelsAsync).RequireAuthorization(Policies.Finance).WithName("GetLabelTotals").Produces<List<LabelFigures>>();
    }

    private static async Task<IResult> RepAsync(Caller caller, UserDirectory users, DashboardQueries queries,
        TimeProvider time, CancellationToken cancellationToken, string? userId = null, [BusinessRange(CalendarText.Quarter)] string? quarter = null)
    {
        if (QuarterOf(caller, quarter, time) is not { } q) return Problems.Invalid($"quarter is yyyy-Qn, {BusinessDates.QuarterRange}.");
        var rep = await users.GetAsync(caller.Tenant.Id, new UserId(userId ?? caller.Actor.User.Value), cancellationToken);
        if (rep is null || !caller.Actor.CanSee(rep.Id, rep.Team)) return Problems.NotFound($"user {userId}");
        var (current, previous) = await Both(queries.RepRowsAsync(caller.Tenant.Id, q, rep.Id, cancellationToken),
            queries.RepRowsAsync(caller.Tenant.Id, q.Previous, rep.Id, cancellationToken));
        return TypedResults.Ok(new RepDashboard(rep.Id.Value, q.ToString(), Figures(current), q.Previous.ToString(), Figures(previous)));
    }

    private static async Task<IResult> TeamAsync(Caller caller, UserDirectory users, DashboardQueries queries,
        TimeProvider time, CancellationToken cancellationToken, string? teamId = null, [BusinessRange(CalendarText.Quarter)] string? quarter = null)
    {
        if (QuarterOf(caller, quarter, time) is not { } q) return Problems.Invalid($"quarter is yyyy-Qn, {BusinessDates.QuarterRange}.");
        var actor = caller.Actor;
        if (actor.Role == Role.Rep) return Problems.Forbidden("The team roll-up is for managers, finance and admins.");
        var team = teamId is not null ? new TeamId(teamId) : actor.Team;
        if (team is null) return Problems.Invalid("Name the team (teamId).");
        if (actor.Role == Role.Manager && team != actor.Team) return Problems.NotFound($"team {team}");

        var directory = users.ListCopiesAsync(caller.Tenant.Id, cancellationToken);
        var (allCurrent, allPrevious) = await Both(queries.QuarterRowsAsync(caller.Tenant.Id, q, cancellationToken),
            queries.QuarterRowsAsync(caller.Tenant.Id, q.Previous, cancellationToken));
        var members = (await directory).Where(u => u.Team == team).Select(u => u.Id.Value).ToHashSet(StringComparer.Ordinal);
        var current = allCurrent.Where(r => members.Contains(r.Subject)).ToList();
        var previous = allPrevious.Where(r => members.Contains(r.Subject)).ToList();
        return TypedResults.Ok(new TeamDashboard(team.Value.Value, q.ToString(), BySubject(current), Figures(current), Figures(previous)));
    }

    private static async Task<IResult> TenantAsync(Caller caller, DashboardQueries queries,
        TimeProvider time, CancellationToken cancellationToken, [BusinessRange(CalendarText.Quarter)] string? quarter = null)
    {
        if (QuarterOf(caller, quarter, time) is not { } q) return Problems.Invalid($"quarter is yyyy-Qn, {BusinessDates.QuarterRange}.");
        var (current, previous) = await Both(queries.QuarterRowsAsync(caller.Tenant.Id, q, cancellationToken),
            queries.QuarterRowsAsync(caller.Tenant.Id, q.Previous, cancellationToken));
        return TypedResults.Ok(new TenantDashboard(q.ToString(), Figures(current), Figures(previous), BySubject(current)));
    }

    private static async Task<IResult> LabelsAsync(Caller caller, DashboardQueries queries,
        TimeProvider time, CancellationToken cancellationToken, [BusinessRange(CalendarText.Quarter)] string? quarter = null)
    {
        if (QuarterOf(caller, quarter, time) is not { } q) return Problems.Invalid($"quarter is yyyy-Qn, {BusinessDates.QuarterRange}.");
        var rows = await queries.LabelRowsAsync(caller.Tenant.Id, q, cancellationToken);
        return TypedResults.Ok(rows.GroupBy(r => r.Subject).Select(g => new LabelFigures(g.Key, Figures(g))).ToList());
    }

    /// <summary>The two quarters' reads at once: each is a round trip, and together they are most of the request.</summary>
    private static async Task<(T, T)> Both<T>(Task<T> first, Task<T> second)
    {
        await Task.WhenAll(first, second);
        return (await first, await second);
    }

    private static Quarter? QuarterOf(Caller caller, string? text, TimeProvider time) =>
        text is null ? caller.Tenant.Calendar.QuarterOf(time.GetUtcNow()) : BusinessDates.TryParseQuarter(text, out var q) ? q : null;

    private static IReadOnlyList<FiguresResponse> Figures(IEnumerable<SummaryRow> rows) =>
        FiguresResponse.From(rows.Select(r => (r.Currency, r.Figures)));

    private static IReadOnlyList<RepFigures> BySubject(IEnumerable<SummaryRow> rows) =>
        rows.GroupBy(r => r.Subject).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new RepFigures(g.Key, Figures(g))).ToList();
}
