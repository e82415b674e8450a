using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace FunctionsLocalHost.Discovery;

/// <summary>Resolves <c>%name%</c> in trigger properties from app settings, as the Functions host does, collecting what is missing.</summary>
internal sealed partial class AppSettings(IConfiguration configuration, List<string> problems)
{
    public IConfiguration Configuration => configuration;

    public string Resolve(string functionName, string what, string value) => Placeholder().Replace(value, match =>
    {
        var setting = match.Groups[1].Value;
        if (configuration[setting] is { Length: > 0 } resolved)
            return resolved;
        problems.Add($"Function '{functionName}': the {what} '{value}' names the app setting '{setting}', which is not set.");
        return match.Value;
    });

    /// <summary>A storage connection: the setting itself, or AzureWebJobs{setting}, as the Functions host looks them up.</summary>
    public string? Connection(string functionName, string setting)
    {
        if (configuration[setting] is { Length: > 0 } value)
            return value;
        if (configuration["AzureWebJobs" + setting] is { Length: > 0 } prefixed)
            return prefixed;
        problems.Add(
            $"Function '{functionName}': the connection setting '{setting}' (or 'AzureWebJobs{setting}') holds no storage connection string.");
        return null;
    }

    /// <summary>A setting the host itself needs for <paramref name="functionName"/>, or null with the reason recorded.</summary>
    public string? Required(string functionName, string setting, string why)
    {
        if (configuration[setting] is { Length: > 0 } value)
            return value;
        problems.Add($"Function '{functionName}': the setting '{setting}' is not set; {why}.");
        return null;
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Placeholder();
}
