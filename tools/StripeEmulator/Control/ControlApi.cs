using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using StripeEmulator.Faults;
using StripeEmulator.State;
using StripeEmulator.Webhooks;

namespace StripeEmulator.Control;

/// <summary>Test controls under <c>/_emulator/</c>: faults, rate limit, webhook targets, redelivery and introspection.</summary>
internal static class ControlApi
{
    internal sealed record FaultRequest(
        [property: JsonPropertyName("status")] int Status,
        [property: JsonPropertyName("count")] int? Count,
        [property: JsonPropertyName("path_prefix")] string? PathPrefix);

    internal sealed record RateLimitRequest([property: JsonPropertyName("per_second")] int? PerSecond);

    internal sealed record WebhookRequest([property: JsonPropertyName("url")] Uri Url, [property: JsonPropertyName("secret")] string Secret);

    public static void MapControl(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_emulator");
        control.MapPost("/faults", (FaultRequest body, FaultInjector faults) =>
        {
            if (body.Status is not (0 or >= 400 and < 600)) return Results.BadRequest(new { error = "status must be 0 (hang) or 4xx/5xx" });
            faults.Add(body.Status, body.Count ?? 1, body.PathPrefix);
            return Results.Ok(new { status = body.Status, count = body.Count ?? 1, path_prefix = body.PathPrefix ?? "/v1/" });
        });
        control.MapDelete("/faults", (FaultInjector faults) => { faults.Clear(); return Results.NoContent(); });
        control.MapPost("/rate_limit", (RateLimitRequest body, RateLimiter limiter) =>
        {
            limiter.PerSecond = body.PerSecond;
            return Results.Ok(new { per_second = body.PerSecond });
        });
        control.MapPost("/webhooks", (WebhookRequest body, WebhookDispatcher webhooks) =>
        {
            if (!body.Url.IsAbsoluteUri || string.IsNullOrEmpty(body.Secret))
                return Results.BadRequest(new { error = "url and secret are required" });
            webhooks.AddTarget(new WebhookTarget(body.Url, body.Secret));
            return Results.Ok(new { url = body.Url, targets = webhooks.Targets.Count });
        });
        control.MapGet("/webhooks/deliveries", (DeliveryLog log, string? @event) =>
            Results.Ok(new { data = log.All().Where(d => @event is null || d.EventId == @event).Select(d => new
            {
                event_id = d.EventId, event_type = d.EventType, url = d.Url, attempt = d.Attempt, status = d.Status, error = d.Error,
                at = d.At.ToUnixTimeMilliseconds(),
            }) }));
        control.MapPost("/events/{id}/redeliver", (string id, HttpContext http, EmulatorState state, WebhookDispatcher webhooks) =>
        {
            var account = state.Account(AccountOf(http));
            StripeEmulator.Events.StripeEvent? found;
            lock (account.Sync) found = account.Events.Find(id);
            return found is null
                ? Results.NotFound(new { error = $"No such event: '{id}'" })
                : Results.Ok(new { id, targets = webhooks.Redeliver(found) });
        });
        control.MapGet("/requests", (RequestLog log, string? path_prefix) =>
            Results.Ok(new { data = log.All()
                .Where(r => path_prefix is null || r.Path.StartsWith(path_prefix, StringComparison.Ordinal)).Select(r => new
            {
                request_id = r.RequestId, method = r.Method, path = r.Path, status = r.Status, idempotency_key = r.IdempotencyKey,
                stripe_account = r.StripeAccount, stripe_version = r.StripeVersion, at = r.At.ToUnixTimeMilliseconds(),
                @params = r.Params.Select(p => new[] { p.Key, p.Value }),
            }) }));
        control.MapDelete("/requests", (RequestLog log) => { log.Clear(); return Results.NoContent(); });
        control.MapGet("/charges", (HttpContext http, EmulatorState state, string? invoice, string? customer) =>
        {
            var account = state.Account(AccountOf(http));
            JsonArray data;
            lock (account.Sync)
            {
                data = new JsonArray(account.Charges.NewestFirst()
                    .Where(c => (invoice is null || c.Invoice == invoice) && (customer is null || c.Customer == customer))
                    .Select(c => (JsonNode?)c.ToJson()).ToArray());
            }
            var list = new JsonObject { ["object"] = "list", ["data"] = data };
            return Results.Content(list.ToJsonString(StripeEmulator.State.Json.Output), "application/json");
        });
        control.MapPost("/reset", (EmulatorState state, FaultInjector faults, RequestLog log) =>
        {
            state.Reset();
            faults.Clear();
            log.Clear();
            return Results.NoContent();
        });
    }

    private static string? AccountOf(HttpContext http) =>
        http.Request.Headers["Stripe-Account"].FirstOrDefault() ?? http.Request.Query["account"].FirstOrDefault();
}
