using System.IO.Compression;
using System.Text.Json.Nodes;
using BillingFunctions.App.Hosting.Packaging;

namespace BillingFunctions.App.Tests.Hosting.Packaging;

/// <summary>
/// The package layout the Functions host needs: host.json at the root naming an executable that exists, one folder
/// per function with its function.json, and a zip that keeps the handler executable. The handler here is the app
/// as built for the tests; `BillingFunctions package` puts a self-contained linux-x64 publish in the same place.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the package targets Linux and checks Unix modes
public sealed class PackageLayoutTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("package-").FullName;
    private readonly string _site;
    private readonly string _zip;

    public PackageLayoutTests()
    {
        _site = Path.Combine(_root, Packager.SiteFolder);
        _zip = Path.Combine(_root, Packager.ZipName);
        PackageLayout.WriteHostFiles(_site, RepositoryFile("host.json"), AppFunctions.All);
        var handler = Directory.CreateDirectory(Path.Combine(_site, PackageLayout.HandlerFolder)).FullName;
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "BillingFunctions*"))
        {
            if (!Path.GetFileName(file).Contains(".Tests", StringComparison.Ordinal)) File.Copy(file, Path.Combine(handler, Path.GetFileName(file)));
        }

        PackageLayout.Zip(_site, _zip);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingFunctions.sln"))) return Path.Combine(dir.FullName, name);
        }

        throw new FileNotFoundException("repository root not found");
    }

    private JsonObject HostJson() => JsonNode.Parse(File.ReadAllText(Path.Combine(_site, "host.json")))!.AsObject();

    [Fact]
    public void Host_json_at_the_root_declares_a_custom_handler_whose_executable_is_in_the_package()
    {
        var host = HostJson();
        var description = host["customHandler"]!["description"]!;
        var executable = Path.Combine(_site, description["defaultExecutablePath"]!.GetValue<string>());

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.True(File.Exists(executable), $"{executable} is missing");
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute));
        Assert.True(Directory.Exists(Path.Combine(_site, description["workingDirectory"]!.GetValue<string>())));
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", host["extensionBundle"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Host_json_sets_the_queue_retry_settings_the_local_runner_also_reads()
    {
        var fromFile = BillingFunctions.App.Hosting.HostJson.ReadQueueOptions(Path.Combine(_site, "host.json"));
        var queues = HostJson()["extensions"]!["queues"]!;

        Assert.Equal(queues["maxDequeueCount"]!.GetValue<int>(), fromFile.MaxDequeueCount);
        Assert.Equal(queues["batchSize"]!.GetValue<int>(), fromFile.BatchSize);
        Assert.Equal(TimeSpan.Parse(queues["visibilityTimeout"]!.GetValue<string>()), fromFile.VisibilityTimeout);
    }

    [Fact]
    public void Each_function_is_a_root_folder_with_function_json_and_the_handler_folder_is_not_a_function()
    {
        var functionFolders = Directory.GetDirectories(_site)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(Path.GetFileName).Order();

        Assert.Equal(AppFunctions.All.Select(f => f.Name).Order(), functionFolders);
        Assert.False(File.Exists(Path.Combine(_site, PackageLayout.HandlerFolder, "function.json")));
        Assert.False(File.Exists(Path.Combine(_site, PackageLayout.HandlerFolder, "host.json")));
    }

    [Fact]
    public void Zip_holds_the_same_files_with_forward_slashes_and_keeps_the_handler_executable()
    {
        using var zip = ZipFile.OpenRead(_zip);
        var expected = Directory.EnumerateFiles(_site, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_site, f).Replace('\\', '/')).Order(StringComparer.Ordinal);

        Assert.Equal(expected, zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var handler = zip.GetEntry($"{PackageLayout.HandlerFolder}/{PackageLayout.ExecutableName}")!;
        var mode = (UnixFileMode)((handler.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute));
        Assert.NotNull(zip.GetEntry("host.json"));
    }
}
