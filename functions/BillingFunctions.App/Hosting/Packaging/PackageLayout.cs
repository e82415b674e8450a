using System.IO.Compression;
using BillingFunctions.App.Hosting.Generation;

namespace BillingFunctions.App.Hosting.Packaging;

/// <summary>
/// The deployable folder as the Functions host reads it: host.json at the root, one folder per function holding its
/// function.json, and the custom handler executable in <c>handler/</c> (host.json's defaultExecutablePath).
/// </summary>
public static class PackageLayout
{
    public const string HandlerFolder = "handler";
    public const string ExecutableName = "BillingFunctions";

    /// <summary>Writes host.json and the function folders into <paramref name="siteDirectory"/>.</summary>
    public static void WriteHostFiles(string siteDirectory, string hostJsonPath, IEnumerable<FunctionDeclaration> functions)
    {
        Directory.CreateDirectory(siteDirectory);
        File.Copy(hostJsonPath, Path.Combine(siteDirectory, HostJson.FileName), overwrite: true);
        FunctionJson.WriteAll(functions, siteDirectory);
    }

    /// <summary>
    /// Zips the folder with forward-slash entry names and Unix modes kept, so the handler stays executable when the
    /// package is mounted on Linux.
    /// </summary>
    public static void Zip(string siteDirectory, string zipPath)
    {
        if (File.Exists(zipPath)) File.Delete(zipPath);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var file in Directory.EnumerateFiles(siteDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(siteDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
            var entry = zip.CreateEntryFromFile(file, name, CompressionLevel.Optimal);
            if (!OperatingSystem.IsWindows())
            {
                const int RegularFile = 0x8000; // S_IFREG
                entry.ExternalAttributes = (RegularFile | (int)File.GetUnixFileMode(file)) << 16;
            }
        }
    }
}
