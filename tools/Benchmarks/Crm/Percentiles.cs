namespace Benchmarks.Crm;

internal static class Percentiles
{
    /// <summary>Nearest-rank percentile of the sample, in milliseconds.</summary>
    public static double Of(IReadOnlyList<double> milliseconds, double percentile)
    {
        var sorted = milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Describe(IReadOnlyList<double> ms, params double[] percentiles) =>
        string.Join(", ", percentiles.Select(p => $"p{p:0} {Of(ms, p):0.0} ms"));
}
