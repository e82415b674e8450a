namespace BillingFunctions.App.Hosting;

/// <summary>Names of the settings the app reads; local.settings.sample.json documents each.</summary>
public static class AppSettings
{
    /// <summary>Storage connection string for our tables and queues; also the queue triggers' connection setting.</summary>
    public const string StorageConnectionSetting = "BILLING_STORAGE";

    /// <summary>Set by the Functions host when it starts us as its custom handler.</summary>
    public const string CustomHandlerPortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public const string LocalTriggersEnabled = "LocalTriggers:Enabled";

    public const string LocalTriggerFunctions = "LocalTriggers:Functions";

    public const string HostJsonPath = "LocalTriggers:HostJsonPath";

    public const string TimeTravel = "Clock:TimeTravel";
}
