namespace BillingFunctions.App.Hosting;

/// <summary>The timer trigger value, shaped like the host's TimerInfo (PascalCase on the wire).</summary>
public sealed record TimerInfo(TimerSchedule? Schedule, ScheduleStatus? ScheduleStatus, bool IsPastDue);

public sealed record TimerSchedule(bool AdjustForDST);

/// <summary>Last and next occurrences as the schedule monitor recorded them; absent when the timer is unmonitored.</summary>
public sealed record ScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
