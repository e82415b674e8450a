namespace StripeEmulator.Http;

/// <summary>What the pipeline learned about one API request: its parameters, account, keys and id.</summary>
internal sealed record StripeRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Pairs,
    Params Params,
    string? IdempotencyKey,
    string? AccountId,
    string ApiVersion,
    string RequestId)
{
    private const string ItemKey = "stripe-emulator.request";

    public static StripeRequest Current(HttpContext context) =>
        context.Items[ItemKey] as StripeRequest ?? throw new InvalidOperationException("The request pipeline did not run.");

    public void Attach(HttpContext context) => context.Items[ItemKey] = this;

    public static async Task<StripeRequest> ReadAsync(HttpContext context, string defaultVersion)
    {
        var http = context.Request;
        List<KeyValuePair<string, string>> pairs = [];
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(context.RequestAborted);
            foreach (var (key, values) in form)
                foreach (var value in values) pairs.Add(new(key, value ?? ""));
        }
        foreach (var (key, values) in http.Query)
            foreach (var value in values) pairs.Add(new(key, value ?? ""));

        return new StripeRequest(
            http.Method,
            http.Path.Value ?? "/",
            pairs,
            new Params(FormTree.Parse(pairs)),
            NullIfEmpty(http.Headers["Idempotency-Key"].ToString()),
            NullIfEmpty(http.Headers["Stripe-Account"].ToString()),
            NullIfEmpty(http.Headers["Stripe-Version"].ToString()) ?? defaultVersion,
            State.Ids.New("req", 14));
    }

    /// <summary>Identifies "the same request" for idempotency: method, path and every parameter.</summary>
    public string Fingerprint() =>
        Method + " " + Path + "?" + string.Join("&", Pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
