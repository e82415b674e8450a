using System.Diagnostics;
using System.Text.Json;

namespace BillingFunctions.Adapters.Tests.Storage.Interop;

/// <summary>Runs a script from tests/interop/storage with node, against the same Azurite, and parses its JSON output.</summary>
internal static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> RunAsync<T>(string script, IReadOnlyDictionary<string, string> environment, object? input = null)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(root, "tests", "interop", "storage", script));
        start.Environment["AZURITE_CONNECTION_STRING"] = Azurite.ConnectionString;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start; is Node.js on PATH?");
        await process.StandardInput.WriteAsync(input is null ? "" : JsonSerializer.Serialize(input, Json));
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {Timeout.TotalSeconds} s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {await stderr}");
        return JsonSerializer.Deserialize<T>(await stdout, Json)
            ?? throw new InvalidOperationException($"{script} printed nothing.");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BillingFunctions.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No BillingFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
