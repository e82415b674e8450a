using System.Diagnostics;

namespace BillingFunctions.App.Hosting.Packaging;

/// <summary>
/// <c>BillingFunctions package &lt;outdir&gt;</c>: publishes the app self-contained for linux-x64 into the package's
/// handler folder (ReadyToRun-compiled), adds host.json and the function folders, and zips it all for zip deploy.
/// </summary>
public static class Packager
{
    public const string SiteFolder = "site";
    public const string ZipName = "billing-functions.zip";
    private const string SolutionFile = "BillingFunctions.sln";
    private const string AppProject = "functions/BillingFunctions.App/BillingFunctions.App.csproj";

    public static async Task<int> RunAsync(string outputDirectory, string[] options, TextWriter output, CancellationToken cancellationToken)
    {
        var repository = FindRepositoryRoot(Directory.GetCurrentDirectory())
            ?? FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"Run package from inside the repository (no {SolutionFile} found above here).");
        var site = Path.GetFullPath(Path.Combine(outputDirectory, SiteFolder));
        if (Directory.Exists(site)) Directory.Delete(site, recursive: true);

        PackageLayout.WriteHostFiles(site, Path.Combine(repository, HostJson.FileName), AppFunctions.All);
        output.WriteLine($"host.json and {AppFunctions.All.Count} function folders -> {site}");

        var handler = Path.Combine(site, PackageLayout.HandlerFolder);
        var exitCode = await PublishAsync(repository, handler, output, cancellationToken);
        if (exitCode != 0) return exitCode;

        if (!options.Contains("--no-zip"))
        {
            var zip = Path.GetFullPath(Path.Combine(outputDirectory, ZipName));
            PackageLayout.Zip(site, zip);
            output.WriteLine($"zip -> {zip}");
        }

        return 0;
    }

    private static async Task<int> PublishAsync(string repository, string handlerDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository,
            ArgumentList =
            {
                "publish", AppProject, "--configuration", "Release", "--runtime", "linux-x64", "--self-contained", "true",
                // Precompiled (ReadyToRun): cold start is what a Functions app pays on every scale-out.
                "-p:PublishReadyToRun=true",
                "--output", handlerDirectory, "--nologo", "--verbosity", "quiet",
            },
        };
        output.WriteLine($"dotnet {string.Join(' ', start.ArgumentList)}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) output.WriteLine($"dotnet publish failed with exit code {process.ExitCode}.");
        return process.ExitCode;
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile))) return directory.FullName;
        }

        return null;
    }
}
