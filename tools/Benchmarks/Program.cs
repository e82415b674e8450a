// Benchmarks print figures; they are never timed tests. Usage: dotnet run -c Release --project tools/Benchmarks -- <name>
// Each benchmark lives in its own folder and registers one line here.
using Benchmarks.ColdStart;
using Benchmarks.Dunning;
using Benchmarks.Crm;
using Benchmarks.Imports;
using Benchmarks.Renewals;
using Benchmarks.Storage;

var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["storage"] = StoreBenchmark.RunAsync,
    ["storage-js"] = StorageBenchmark.RunAsync,
    ["coldstart"] = ColdStartBenchmark.RunAsync,
    ["recovery"] = RecoveryBenchmark.RunAsync,
    ["crm"] = CrmBenchmark.RunAsync,
    ["renewals"] = RenewalBenchmark.RunAsync,
    ["imports"] = ImportBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Benchmarks <{string.Join('|', benchmarks.Keys)}> [options]");
    return 2;
}
return await run(args[1..]);
