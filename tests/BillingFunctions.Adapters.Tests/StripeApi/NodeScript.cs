using System.Diagnostics;

namespace BillingFunctions.Adapters.Tests.StripeApi;

/// <summary>Runs a Node script of tests/interop with JSON on stdin and returns its stdout.</summary>
internal static class NodeScript
{
    public static async Task<string> RunAsync(string relativePath, string stdin)
    {
        var script = Path.Combine(RepoPaths.Root, relativePath);
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {relativePath} did not finish within 60 s");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"node {relativePath} failed with exit code {process.ExitCode} (is node_modules installed? run npm ci):\n{await errors}");
        }
        return await output;
    }
}
