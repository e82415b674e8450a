using Azure;
using Azure.Core;
using BillingFunctions.Adapters.Storage;

namespace BillingFunctions.Adapters.Tests.Storage;

public class TokenCredentialTests
{
    private sealed class RecordingCredential : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            return new AccessToken("token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    // Azurite here speaks plain HTTP and Azure.Core sends bearer tokens only over TLS, so these point at a closed
    // TLS port: what they show is that the clients ask the credential for the storage scope before sending.
    private static readonly Uri ClosedTlsEndpoint = new("https://127.0.0.1:1/devstoreaccount1");

    [Fact]
    public async Task Table_client_asks_the_credential_for_the_storage_scope()
    {
        var credential = new RecordingCredential();
        var options = new TableClientOptions { Retry = { MaxRetries = 0 } };
        var table = new TableServiceClient(ClosedTlsEndpoint, credential, options).GetTableClient("t");

        await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));

        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.Scopes));
    }

    [Fact]
    public async Task Queue_client_asks_the_credential_for_the_storage_scope()
    {
        var credential = new RecordingCredential();
        var options = new QueueClientOptions { Retry = { MaxRetries = 0 } };
        var queue = new QueueServiceClient(ClosedTlsEndpoint, credential, options).GetQueueClient("q");

        await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));

        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.Scopes));
    }
}
