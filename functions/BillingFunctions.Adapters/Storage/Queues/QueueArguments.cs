using System.Globalization;

namespace BillingFunctions.Adapters.Storage;

/// <summary>The Queue service's limits, checked before sending so that mistakes fail with a clear message.</summary>
internal static class QueueArguments
{
    private static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromDays(7);

    // Azure refuses a delay not shorter than the message's lifetime (Azurite only checks an explicit one).
    public static void CheckDelay(TimeSpan? visibilityTimeout, TimeSpan? timeToLive)
    {
        if (visibilityTimeout is { } requested)
            CheckVisibility(requested);
        var lifetime = timeToLive ?? DefaultTimeToLive;
        if (visibilityTimeout is { } delay && lifetime != Timeout.InfiniteTimeSpan && delay >= lifetime)
            throw new ArgumentException(
                $"A message delayed by {delay} would expire after {lifetime} before anyone saw it; pass a longer timeToLive or Timeout.InfiniteTimeSpan.",
                nameof(visibilityTimeout));
    }

    public static TimeSpan CheckVisibility(TimeSpan timeout) =>
        timeout < TimeSpan.Zero || timeout > QueueClient.MaxVisibilityTimeout
            ? throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A visibility timeout lies between zero and seven days.")
            : timeout;

    public static string Seconds(TimeSpan span) =>
        ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public static string Count(int maxMessages) =>
        maxMessages is < 1 or > QueueClient.MaxMessagesPerReceive
            ? throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, "Between 1 and 32 messages per call.")
            : maxMessages.ToString(CultureInfo.InvariantCulture);
}
