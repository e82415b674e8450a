using System.Text;
using System.Text.RegularExpressions;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// POST /api/webhooks/stripe/{tenant}: checks the signature with the tenant's secrets, stores the raw event, queues
/// it and answers at once; applying it is <see cref="ApplyStripeEventFunction"/>'s job. A repeated delivery stores
/// nothing new. A bad signature is a 400 and leaves no trace.
/// </summary>
public static partial class StripeWebhookFunction
{
    public static void MapStripeWebhook(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/webhooks/stripe/{tenant}", HandleAsync).WithName("stripe-webhook");

    [Function("stripe-webhook")]
    public static Task Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/stripe/{tenant}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    // Stripe's own limit for event payloads is far below this; anything bigger is not from Stripe.
    private const int MaxBodyBytes = 512 * 1024;

    private static async Task<IResult> HandleAsync(
        string tenant,
        HttpRequest request,
        TenantWebhookSecrets secrets,
        StripeWebhookVerifier verifier,
        StripeEventStore store,
        StripeEventQueue queue,
        PendingStripeEvents pending,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(StripeWebhookFunction));
        if (!TenantPattern().IsMatch(tenant)) return WebhookProblems.UnknownTenant(tenant);
        var tenantSecrets = await secrets.ForAsync(new TenantId(tenant), cancellationToken);
        if (tenantSecrets.Count == 0) return WebhookProblems.UnknownTenant(tenant);

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null) return WebhookProblems.TooLarge();

        // Stored as received: the signature is over these characters, and the event is parsed again where it is applied.
        var payload = Encoding.UTF8.GetString(body);
        var verification = verifier.Verify(payload, request.Headers["Stripe-Signature"].ToString(), tenantSecrets);
        if (!verification.SignatureValid)
        {
            logger.LogWarning("Rejected a Stripe webhook for tenant {Tenant}: {Rejection}", tenant, verification.Reason);
            return WebhookProblems.InvalidSignature(verification.Reason!);
        }
        if (verification.Event is not { } stripeEvent || !EventIdPattern().IsMatch(stripeEvent.Id))
        {
            logger.LogWarning("Refused a signed Stripe webhook for tenant {Tenant}: {Reason}", tenant, verification.Reason);
            return WebhookProblems.NotAnEvent(verification.Reason);
        }
        var (eventId, type) = (stripeEvent.Id, stripeEvent.Type);

        var stored = new StoredStripeEvent(tenant, eventId, type, payload, time.GetUtcNow(), null);
        var isNew = await store.TryAddAsync(stored, cancellationToken);
        // A delivery that stored the event but died before queueing it is retried by Stripe: queue it then.
        var enqueue = isNew || (await store.GetAsync(tenant, eventId, cancellationToken))?.AppliedAt is null;
        if (enqueue)
        {
            // Marked before queueing: if the message is then lost, the sweep still finds the event.
            await pending.MarkAsync(tenant, eventId, time.GetUtcNow(), cancellationToken);
            await queue.EnqueueAsync(new StripeEventMessage(tenant, eventId), cancellationToken);
        }

        logger.LogInformation("Stripe event {EventId} ({EventType}) for tenant {Tenant}: {Outcome}",
            eventId, type, tenant, isNew ? "stored and queued" : enqueue ? "duplicate, re-queued" : "duplicate, already applied");
        return TypedResults.Ok(new WebhookReceipt(eventId, Duplicate: !isNew));
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes) return null;
        }

        return buffer.ToArray();
    }

    // Tenant ids become partition keys: no '/', '\', '#', '?' or control characters.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TenantPattern();

    [GeneratedRegex("^[A-Za-z0-9_]{1,255}$")]
    private static partial Regex EventIdPattern();
}

public sealed record WebhookReceipt(string EventId, bool Duplicate);
