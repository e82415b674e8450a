using StripeEmulator.Http;

namespace StripeEmulator.Events;

internal static class EventsApi
{
    public static void MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/events/{id}", (HttpContext http, string id) => Api.Run(http, [], call => call.Account.Events.Get(id).ToJson()));
        app.MapGet("/v1/events", (HttpContext http) => Api.Run(http,
            ["created", "delivery_success", "ending_before", "limit", "starting_after", "type", "types"], call =>
            {
                var p = call.Params;
                var patterns = p.Strings("types").Concat(p.String("type") is { Length: > 0 } t ? [t] : []).ToList();
                var exact = p.Root["created"] is System.Text.Json.Nodes.JsonValue ? p.Long("created") : null;
                var createdGte = exact ?? p.Long("created.gte") ?? (p.Long("created.gt") + 1) ?? long.MinValue;
                var createdLte = exact ?? p.Long("created.lte") ?? (p.Long("created.lt") - 1) ?? long.MaxValue;
                var events = call.Account.Events.NewestFirst().Where(e =>
                    (patterns.Count == 0 || patterns.Any(pattern => Matches(pattern, e.Type))) && e.Created >= createdGte && e.Created <= createdLte);
                return ListPage.Render(events, p, "/v1/events");
            }));
    }

    /// <summary>Stripe's type filter allows one trailing wildcard, as in <c>invoice.*</c>.</summary>
    private static bool Matches(string pattern, string type) =>
        pattern.EndsWith('*') ? type.StartsWith(pattern[..^1], StringComparison.Ordinal) : pattern == type;
}
