using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// Stamps x-ms-version and a fresh x-ms-date on every attempt; it runs per retry because
/// the service rejects signatures over a date more than 15 minutes old.
/// </summary>
internal sealed class StorageHeadersPolicy(string serviceVersion, TimeProvider clock) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", serviceVersion);
        message.Request.Headers.SetValue("x-ms-date", clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
    }
}
