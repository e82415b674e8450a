using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BillingFunctions.Adapters.Storage;

/// <summary>Builds the Azure.Core pipeline shared by the Table and Queue clients.</summary>
internal static class StoragePipeline
{
    public const string TokenScope = "https://storage.azure.com/.default";

    public static HttpPipeline Build(ClientOptions options, string serviceVersion, HttpPipelinePolicy authentication, TimeProvider clock)
    {
        foreach (var header in new[] { "x-ms-request-id", "x-ms-version", "x-ms-date", "x-ms-error-code", "x-ms-client-request-id" })
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

    public static ETag ETagOf(Response response) =>
        response.Headers.ETag ?? default;
}
