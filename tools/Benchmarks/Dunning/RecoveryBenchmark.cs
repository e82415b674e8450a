using System.Globalization;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.Domain.Dunning;
using StripeEmulator;

namespace Benchmarks.Dunning;

/// <summary>
/// Recovery figures of dunning policies over one generated population of failed invoices, every charge made by the
/// Stripe emulator with its test cards: share recovered (soft / hard declines), median days to recover, charges and
/// emails per invoice. Options: --invoices N (default 200), --seed S (default 7).
/// </summary>
internal static class RecoveryBenchmark
{
    private static readonly (string Name, DunningPolicy Policy)[] Policies =
    [
        ("default 1-2-4-7 d", DunningPolicy.Default),
        ("3-5-7 d", new DunningPolicy([TimeSpan.FromDays(3), TimeSpan.FromDays(5), TimeSpan.FromDays(7)], SubscriptionOnExhaustion.Pause)),
        ("no retries", new DunningPolicy([], SubscriptionOnExhaustion.Pause)),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(Option(args, "--invoices") ?? "200", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "7", CultureInfo.InvariantCulture);
        var population = FailurePopulation.Generate(count, seed);
        await using var emulator = await RunningEmulator.StartAsync(new EmulatorOptions { RateLimitPerSecond = null });
        var stripe = new StripeAccount(StripeConnection.Create(new StripeConnectionOptions { ApiBase = emulator.BaseUrl,
            RequestsPerSecondPerAccount = null }),
            "sk_test_bench");

        Console.WriteLine($"{count} failed invoices, seed {seed}: {population.Count(c => !c.IsHardDecline)} soft, " +
            $"{population.Count(c => c.IsHardDecline)} hard declines");
        Console.WriteLine($"population: {FailurePopulation.Assumptions}");
        Console.WriteLine("drawn: " + string.Join(", ", population.GroupBy(c => (c.IsHardDecline ? "hard" : "soft") + " " + c.Reaction)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        Console.WriteLine($"{"policy",-18} {"recovered",9} {"soft",6} {"hard",6} {"median d",9} {"p90 d",6} {"charges",8} " +
            $"{"emails",7} {"exhausted",10}");
        foreach (var (name, policy) in Policies)
        {
            var simulation = new DunningSimulation(stripe, policy, Guid.NewGuid().ToString("N"));
            var results = new List<SimulationResult>(count);
            foreach (var failure in population)
                results.Add(await simulation.RunAsync(failure));
            Print(name, results);
        }
        return 0;
    }

    private static void Print(string name, List<SimulationResult> results)
    {
        static string Share(IEnumerable<SimulationResult> rs) => rs.Any() ? $"{100.0 * rs.Count(r => r.Recovered) / rs.Count():0.0}%" : "-";
        var days = results.Where(r => r.Recovered).Select(r => r.TimeToRecover!.Value.TotalDays).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-18} {Share(results),9} {Share(results.Where(r => !r.Case.IsHardDecline)),6} " +
            $"{Share(results.Where(r => r.Case.IsHardDecline)),6} " +
            $"{Percentile(days, 0.5),9:0.00} {Percentile(days, 0.9),6:0.00} {results.Average(r => r.RetryCharges),8:0.00} " +
            $"{results.Average(r => r.Emails),7:0.00} " +
            $"{100.0 * results.Count(r => r.FinalStatus == DunningStatus.Exhausted) / results.Count,9:0.0}%"));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(p * sorted.Count))];

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
