using System.Globalization;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Reminders;

namespace BillingFunctions.App.Reminders;

/// <summary>Days relative to the due date (negative: before it) and the local time (HH:mm, tenant's zone) reminders go out.</summary>
public sealed record ReminderSettingsRequest(IReadOnlyList<int>? DaysFromDue, string? SendAt);

public sealed record ReminderSettingsResponse(IReadOnlyList<int> DaysFromDue, string SendAt, string TimeZone, bool IsDefault,
    DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>GET and PUT <c>/api/v1/settings/reminders</c>: admins and finance only.</summary>
public static class RemindersApi
{
    public static void MapReminderSettings(this IEndpointRouteBuilder api)
    {
        var settings = api.MapGroup("/settings/reminders").RequireAuthorization(Policies.Finance).WithTags("Settings");
        settings.MapGet("", GetAsync).WithName("GetReminderSettings").Produces<ReminderSettingsResponse>();
        settings.MapPut("", PutAsync).WithName("PutReminderSettings").Produces<ReminderSettingsResponse>();
    }

    private static async Task<IResult> GetAsync(Caller caller, ReminderSettingsStore store, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(ToResponse(await store.GetAsync(caller.Tenant.Id, cancellationToken), caller.Tenant.TimeZone));
    }

    private static async Task<IResult> PutAsync(ReminderSettingsRequest request, Caller caller,
        ReminderSettingsStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.SendAt is null || !TimeOnly.TryParseExact(request.SendAt, "HH:mm", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var sendAt))
            return Problems.Invalid("sendAt is the local time of day reminders go out, as HH:mm (e.g. 09:00).");
        var schedule = ReminderSchedule.Create(request.DaysFromDue, sendAt);
        if (!schedule.IsSuccess) return Problems.From(schedule.Error!);
        var saved = await store.PutAsync(caller.Tenant.Id, schedule.Value, caller.Actor.User.Value, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(ToResponse(saved, caller.Tenant.TimeZone));
    }

    private static ReminderSettingsResponse ToResponse(ReminderSettings s, string timeZone) =>
        new(s.Schedule.DaysFromDue, s.Schedule.SendAt.ToString("HH:mm", CultureInfo.InvariantCulture), timeZone, s.IsDefault,
            s.UpdatedAt, s.UpdatedBy);
}
