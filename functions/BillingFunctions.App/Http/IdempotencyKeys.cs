namespace BillingFunctions.App.Http;

/// <summary>
/// Where <see cref="IdempotencyFilter"/> runs; the endpoints carry <see cref="IdempotencyKeys"/> as metadata so the
/// OpenAPI document can say which operations take the header and what they answer for it.
/// </summary>
internal sealed class IdempotencyKeys
{
    public static readonly IdempotencyKeys Metadata = new();

    private IdempotencyKeys()
    {
    }
}

internal static class IdempotencyKeyEndpoints
{
    public static RouteGroupBuilder AcceptIdempotencyKeys(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<IdempotencyFilter>().WithMetadata(IdempotencyKeys.Metadata);
}
