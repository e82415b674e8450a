using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace StripeEmulator.Tests.Support;

/// <summary>Talks to the emulator the way a Stripe client does: form-encoded bodies, bearer key, version header.</summary>
public sealed class EmulatorClient : IDisposable
{
    private readonly HttpClient _http;

    private readonly Lock _sync = new();

    public EmulatorClient(Uri baseUrl, string? account = null, string apiVersion = "2026-10-28.endive")
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_emulator");
        _http.DefaultRequestHeaders.Add("Stripe-Version", apiVersion);
        if (account is not null) _http.DefaultRequestHeaders.Add("Stripe-Account", account);
    }

    /// <summary>Every response this client received, in order; the schema test validates them all.</summary>
    public List<StripeResponse> Responses { get; } = [];

    public HttpClient Http => _http;

    public Task<StripeResponse> PostAsync(string path, params (string Key, string Value)[] form) => SendAsync(HttpMethod.Post, path, form, null);

    public Task<StripeResponse> PostIdempotentAsync(string path, string key, params (string Key, string Value)[] form) =>
        SendAsync(HttpMethod.Post, path, form, key);

    public Task<StripeResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, [], null);

    public async Task<StripeResponse> SendAsync(HttpMethod method, string path, (string Key, string Value)[] form, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (method == HttpMethod.Post)
            request.Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var result = new StripeResponse(method.Method, path, response.StatusCode, JsonNode.Parse(text)!, response.Headers);
        lock (_sync) Responses.Add(result);
        return result;
    }

    public async Task<JsonObject> ControlAsync(string path, object body)
    {
        using var content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path.TrimStart('/'), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> ControlGetAsync(string path) =>
        JsonNode.Parse(await _http.GetStringAsync(path.TrimStart('/')))!.AsObject();

    // Shortcuts for the usual setup steps.
    public async Task<string> CustomerAsync(params (string, string)[] form) => (await PostAsync("/v1/customers", form)).EnsureOk().Id;

    public async Task<string> AttachAsync(string customer, string token) =>
        (await PostAsync($"/v1/payment_methods/{token}/attach", ("customer", customer))).EnsureOk().Id;

    public async Task<string> CustomerWithDefaultCardAsync(string token)
    {
        var customer = await CustomerAsync(("email", "buyer@example.com"), ("name", "Buyer"));
        var pm = await AttachAsync(customer, token);
        (await PostAsync($"/v1/customers/{customer}", ("invoice_settings[default_payment_method]", pm))).EnsureOk();
        return customer;
    }

    /// <summary>A finalized (open) invoice with one item of <paramref name="amount"/>.</summary>
    public async Task<string> OpenInvoiceAsync(string customer, long amount = 2500, string currency = "usd", params (string, string)[] invoiceParams)
    {
        (await PostAsync("/v1/invoiceitems", ("customer", customer), ("amount", amount.ToString()), ("currency", currency),
            ("description", "Consulting"))).EnsureOk();
        var invoice = (await PostAsync("/v1/invoices", [("customer", customer), ("pending_invoice_items_behavior", "include"),
            .. invoiceParams])).EnsureOk().Id;
        (await PostAsync($"/v1/invoices/{invoice}/finalize")).EnsureOk();
        return invoice;
    }

    /// <summary>
    /// The invoice's payment intent, found the way an endive client finds it: <c>invoice.payments</c> →
    /// <c>payment.payment_intent</c> (the invoice no longer names its charge or intent).
    /// </summary>
    public async Task<JsonObject> PaymentIntentOfAsync(string invoice)
    {
        var expanded = (await GetAsync($"/v1/invoices/{invoice}?expand[]=payments.data.payment.payment_intent")).EnsureOk();
        return expanded.Json["payments"]!["data"]![0]!["payment"]!["payment_intent"]!.AsObject();
    }

    /// <summary>The charge of the invoice's latest payment attempt.</summary>
    public async Task<string> LatestChargeOfAsync(string invoice) => (await PaymentIntentOfAsync(invoice))["latest_charge"]!.ToString();

    public void Dispose() => _http.Dispose();
}
