namespace BillingFunctions.App.Hosting.LocalTriggers;

internal static class LocalTriggerSettings
{
    /// <summary>
    /// On unless the Functions host drives the app (it sets FUNCTIONS_CUSTOMHANDLER_PORT) or LocalTriggers:Enabled
    /// says otherwise: two schedulers would fire every timer twice.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool?>(AppSettings.LocalTriggersEnabled)
        ?? string.IsNullOrEmpty(configuration[AppSettings.CustomHandlerPortSetting]);

    /// <summary>
    /// Whether the runner fires this function: all of them, unless LocalTriggers:Functions lists some (like the
    /// <c>functions</c> list of host.json, to work on a few functions without the others firing).
    /// </summary>
    public static bool Includes(IConfiguration configuration, FunctionDeclaration function)
    {
        var listed = configuration.GetSection(AppSettings.LocalTriggerFunctions).Get<string[]>();
        return listed is not { Length: > 0 } || listed.Contains(function.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Resolves a <c>%Setting%</c> schedule or queue name from configuration, as the host does from app settings.</summary>
    public static string Resolve(string value, IConfiguration configuration)
    {
        if (value.Length > 2 && value[0] == '%' && value[^1] == '%')
        {
            var name = value[1..^1];
            return configuration[name] is { Length: > 0 } resolved
                ? resolved
                : throw new InvalidOperationException($"The setting {name} (from '{value}') is not set.");
        }

        return value;
    }
}
