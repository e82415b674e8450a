using Azure.Core;

namespace BillingFunctions.Adapters.Storage;

/// <summary>Options for <see cref="QueueServiceClient"/> and <see cref="QueueClient"/>: retries, diagnostics, transport.</summary>
public class QueueClientOptions : ClientOptions
{
    /// <summary>The Queue service REST version sent as x-ms-version.</summary>
    public string ServiceVersion { get; set; } = "2021-12-02";

    /// <summary>The clock used for the x-ms-date request header.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
