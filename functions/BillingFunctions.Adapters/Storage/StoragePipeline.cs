using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BillingFunctions.Adapters.Storage;

/// <summary>Builds the Azure.Core pipeline shared by the Table and Queue clients.</summary>
internal static class StoragePipeline
{
    public const string TokenScope = "https://storage.azure.com/.default";

    // Safe to log and useful when asking Azure support about a request; Authorization stays redacted.
    private static readonly string[] LoggedHeaders =
        ["x-ms-request-id", "x-ms-version", "x-ms-date", "x-ms-error-code", "x-ms-client-request-id"];

    public static HttpPipeline Build(ClientOptions options, string serviceVersion, HttpPipelinePolicy authentication, TimeProvider clock)
    {
        foreach (var header in LoggedHeaders.Where(h => !options.Diagnostics.LoggedHeaderNames.Contains(h)))
            options.Diagnostics.LoggedHeaderNames.Add(header);
        var pipelineOptions = new HttpPipelineOptions(options)
        {
            RequestFailedDetailsParser = StorageErrorParser.Instance,
        };
        pipelineOptions.PerRetryPolicies.Add(new StorageHeadersPolicy(serviceVersion, clock));
        pipelineOptions.PerRetryPolicies.Add(authentication);
        return HttpPipelineBuilder.Build(pipelineOptions);
    }

    public static HttpPipelinePolicy Bearer(TokenCredential credential) =>
        new BearerTokenAuthenticationPolicy(credential, TokenScope);

    public static RequestFailedException Failure(Response response) =>
        new(response, null, StorageErrorParser.Instance);

    /// <summary>Throws for an error response unless the service's error code is <paramref name="acceptedErrorCode"/>.</summary>
    public static void ThrowUnlessOkOr(Response response, string acceptedErrorCode)
    {
        if (!response.IsError)
            return;
        var failure = Failure(response);
        if (failure.ErrorCode != acceptedErrorCode)
            throw failure;
    }

    public static ETag ETagOf(Response response) =>
        response.Headers.ETag ?? default;
}
