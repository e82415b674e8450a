using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.Http;

/// <summary>Stripe's cursor pagination over a newest-first sequence.</summary>
internal static class ListPage
{
    public static JsonObject Render<T>(IEnumerable<T> newestFirst, Params p, string url) where T : IStripeObject
    {
        var limit = p.Long("limit") ?? 10;
        if (limit is < 1 or > 100)
            throw ApiException.InvalidRequest("Invalid limit: must be an integer between 1 and 100.", "limit");
        var items = newestFirst.ToList();
        if (p.String("starting_after") is { Length: > 0 } after)
        {
            var index = items.FindIndex(i => i.Id == after);
            if (index < 0) throw ApiException.NoSuch("object", after, "starting_after");
            items = items[(index + 1)..];
        }
        else if (p.String("ending_before") is { Length: > 0 } before)
        {
            var index = items.FindIndex(i => i.Id == before);
            if (index < 0) throw ApiException.NoSuch("object", before, "ending_before");
            items = items[..index];
            items = items[Math.Max(0, items.Count - (int)limit)..];
            return Json.List(items.Select(i => i.ToJson()), url, hasMore: index > items.Count);
        }
        var page = items.Take((int)limit).ToList();
        return Json.List(page.Select(i => i.ToJson()), url, hasMore: items.Count > page.Count);
    }
}
