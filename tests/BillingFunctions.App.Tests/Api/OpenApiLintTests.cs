using System.Diagnostics;

namespace BillingFunctions.App.Tests.Api;

/// <summary>docs/openapi.json lints clean with @redocly/cli under redocly.yaml (npm ci installs it).</summary>
public sealed class OpenApiLintTests
{
    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../.."));

    [Fact]
    public async Task The_checked_in_document_lints_clean_with_redocly()
    {
        var cli = Path.Combine(Root(), "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing; run npm ci (package.json pins @redocly/cli).");
        var start = new ProcessStartInfo("node", [cli, "lint", "docs/openapi.json", "--format=summary"])
        {
            WorkingDirectory = Root(), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"redocly lint failed:\n{await output}\n{await errors}");
    }
}
