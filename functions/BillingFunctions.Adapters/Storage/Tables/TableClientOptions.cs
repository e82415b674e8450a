using Azure.Core;

namespace BillingFunctions.Adapters.Storage;

/// <summary>Options for <see cref="TableServiceClient"/> and <see cref="TableClient"/>: retries, diagnostics, transport.</summary>
public class TableClientOptions : ClientOptions
{
    /// <summary>The Table service REST version sent as x-ms-version.</summary>
    public string ServiceVersion { get; set; } = "2019-02-02";

    /// <summary>The clock used for the x-ms-date request header.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
