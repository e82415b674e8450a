using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// Every operation in docs/openapi.json, one bad value at a time: a wrong type, an empty value, an overlong value,
/// extreme numbers, a malformed id or token, a body that is not JSON, and a string one character over the maximum the
/// document states. Nothing may answer 5xx, every 4xx is an RFC 9457 problem, a 4xx writes nothing to the billing
/// tables, and a string over its documented maximum is refused.
/// </summary>
public sealed class FuzzTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string Overlong = new('x', 100_000);

    /// <summary>Bad values for a JSON field: wrong types, empty, overlong, extreme numbers and a malformed token.</summary>
    private static IEnumerable<(string What, JsonNode? Value)> BadJsonValues(JsonNode? valid, JsonNode? schema)
    {
        if (OverMaximum(schema) is { } over)
            yield return (OverMaximumLabel, schema!["items"] is null ? JsonValue.Create(over) : new JsonArray(JsonValue.Create(over)));
        JsonNode? wrongType = valid switch
        {
            JsonValue v when v.TryGetValue<string>(out _) => JsonValue.Create(12345),
            JsonValue v when v.TryGetValue<bool>(out _) => JsonValue.Create("yes"),
            JsonValue => JsonValue.Create("not-a-number"),
            JsonArray => JsonValue.Create("not-a-list"),
            _ => new JsonArray(1, 2),
        };
        yield return ("wrong type", wrongType);
        yield return ("an object", new JsonObject { ["x"] = 1 });
        yield return ("empty", JsonValue.Create(""));
        yield return ("overlong", JsonValue.Create(Overlong));
        yield return ("1e308", JsonNode.Parse("1e308"));
        yield return ("long.MinValue", JsonNode.Parse("-9223372036854775808"));
        yield return ("beyond long", JsonNode.Parse("99999999999999999999"));
        yield return ("malformed", JsonValue.Create("!!!'\"<>\u0000"));
    }

    /// <summary>Bad values for a path segment, a query string or a header.</summary>
    private static readonly string[] BadTexts = ["", Overlong, "1e308", "-9223372036854775808", "99999999999999999999", "!!!", "AAAA", "-1",
        "0001-01-01", "9999-12-31T23:59:59Z",
        "0001-01", "9999-12", "0000-Q1", "9999-Q4", "-001-Q1"];

    private const string OverMaximumLabel = "one over its documented maxLength";

    /// <summary>A string one character longer than the schema's maxLength (a list's items' for a list), if it has one.</summary>
    private static string? OverMaximum(JsonNode? schema) =>
        schema is null ? null : (OpenApi.Resolve(schema)["maxLength"] ?? OpenApi.Resolve(schema)["items"]?["maxLength"])
            ?.GetValue<int>() is { } max ? new string('x', max + 1) : null;

    [Fact]
    public async Task Every_operation_answers_bad_input_with_a_4xx_problem_and_writes_nothing()
    {
        using var world = await TenantWorld.CreateAsync(host);
        using var platform = host.Platform();
        var admin = world.Admin;
        var ids = await CreateOneOfEverythingAsync(world);
        var baselines = Baselines(ids);
        var snapshot = new Snapshot(host);
        var failures = new List<string>();

        // Operations with a body first: the bodiless actions (finalize, void, revoke …) may succeed by accident and
        // change the state the body checks need.
        var operations = OpenApi.Operations()
            .Where(o => !o.Path.StartsWith("/api/dev/", StringComparison.Ordinal))
            .OrderBy(o => o.Body is null ? (o.Method == "GET" ? 1 : 2) : 0)
            .ToList();
        Assert.True(operations.Count > 50, "the document lists the operations");

        foreach (var operation in operations)
        {
            var client = operation.Path.StartsWith("/api/v1/platform/", StringComparison.Ordinal) ? platform : admin;
            JsonObject? baseline = null;
            if (operation.Body is not null)
            {
                Assert.True(baselines.TryGetValue(operation.OperationId, out baseline),
                    $"{operation.OperationId} takes a body but has no valid baseline body here: add one to {nameof(Baselines)}");
            }

            var pathValues = operation.Parameters.Where(p => In(p, "path")).ToDictionary(Name, p => ids.PathValue(Name(p)));
            var queryValues = operation.Parameters.Where(p => In(p, "query") && Required(p)).ToDictionary(Name, p => ids.QueryValue(Name(p)));

            async Task SendAsync(string what, Dictionary<string, string> path, Dictionary<string, string> query,
                string? idempotencyKey, HttpContent? content)
            {
                var url = path.Aggregate(operation.Path, (u, p) => u.Replace("{" + p.Key + "}", Uri.EscapeDataString(p.Value)));
                if (query.Count > 0) url += "?" + string.Join("&", query.Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}"));
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url) { Content = content };
                if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
                using var response = await client.SendAsync(request);
                var label = $"{operation.OperationId} with {what}";
                var problem = await CheckAsync(response, label);
                if (problem is not null) failures.Add(problem);
                if (what.EndsWith(OverMaximumLabel, StringComparison.Ordinal) && (int)response.StatusCode is < 400 or >= 500)
                    failures.Add($"{label}: {(int)response.StatusCode}, yet the document says it is too long");
                if (what == "the baseline" && response.StatusCode == HttpStatusCode.BadRequest)
                    failures.Add($"{label}: the baseline body is refused, so the bad fields tested nothing: fix it in {nameof(Baselines)} " +
                        $"{Cut(await response.Content.ReadAsStringAsync())}");
                if ((int)response.StatusCode is >= 400 and < 500)
                {
                    if (await snapshot.ChangesAsync() is { } written) failures.Add($"{label}: a {(int)response.StatusCode} wrote {written}");
                }
                else
                {
                    await snapshot.TakeAsync();
                }
            }

            HttpContent? Json(JsonNode? body) => body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

            await snapshot.TakeAsync();
            foreach (var parameter in operation.Parameters)
            {
                var name = Name(parameter);
                var over = OverMaximum(parameter["schema"]);
                foreach (var bad in over is null ? BadTexts : BadTexts.Append(over))
                {
                    var what = bad == over ? $"{name} {OverMaximumLabel}" : $"{name}={Describe(bad)}";
                    if (In(parameter, "path"))
                        await SendAsync(what, new(pathValues) { [name] = bad }, queryValues, null, Json(baseline?.DeepClone()));
                    else if (In(parameter, "query"))
                        await SendAsync(what, pathValues, new(queryValues) { [name] = bad }, null, Json(baseline?.DeepClone()));
                    else if (In(parameter, "header") && bad.Length > 0)
                        await SendAsync(what, pathValues, queryValues, bad, Json(baseline?.DeepClone()));
                }
            }

            if (operation.Body is null) continue;
            foreach (var (field, valid, schema) in Fields(operation.Body, baseline!))
            {
                foreach (var (what, bad) in BadJsonValues(valid, schema))
                {
                    var body = baseline!.DeepClone().AsObject();
                    Set(body, field, bad?.DeepClone());
                    await SendAsync($"{field} {what}", pathValues, queryValues, null, Json(body));
                }
            }

            var text = baseline!.ToJsonString();
            await SendAsync("text/plain", pathValues, queryValues, null, new StringContent(text, Encoding.UTF8, "text/plain"));
            await SendAsync("a form", pathValues, queryValues, null, new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
            await SendAsync("broken JSON", pathValues, queryValues, null, new StringContent(text[..^1], Encoding.UTF8, "application/json"));
            await SendAsync("a JSON list", pathValues, queryValues, null, new StringContent("[]", Encoding.UTF8, "application/json"));
            await SendAsync("a JSON string", pathValues, queryValues, null, new StringContent("\"x\"", Encoding.UTF8, "application/json"));
            await SendAsync("the baseline", pathValues, queryValues, null, Json(baseline.DeepClone()));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)) + $"\n({failures.Count} in all)");
    }

    /// <summary>Null when the answer is fine: below 500, and a 4xx is an RFC 9457 problem.</summary>
    private static async Task<string?> CheckAsync(HttpResponseMessage response, string label)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500) return $"{label}: {status} {Cut(body)}";
        if (status < 400) return null;
        // A URL or header past the server's limits is refused by Kestrel (in Azure, by the front end) before any function
        // runs, so no problem can be written; the caller still gets the 4xx and nothing is written (checked by the caller).
        if (status is 414 or 431) return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{label}: {status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"} {Cut(body)}";
        try
        {
            var problem = JsonNode.Parse(body)!;
            if (string.IsNullOrEmpty(problem["type"]?.GetValue<string>()) || string.IsNullOrEmpty(problem["title"]?.GetValue<string>())
                || problem["status"]?.GetValue<int>() != status)
                return $"{label}: {status} problem without type, title or the same status {Cut(body)}";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return $"{label}: {status} problem that is not JSON {Cut(body)}";
        }
        return null;
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
    private static string Describe(string value) => value.Length > 40 ? $"{value.Length} characters" : $"'{value}'";
    private static string Name(JsonNode parameter) => parameter["name"]!.GetValue<string>();
    private static bool In(JsonNode parameter, string where) => parameter["in"]!.GetValue<string>() == where;
    private static bool Required(JsonNode parameter) => parameter["required"]?.GetValue<bool>() ?? false;

    /// <summary>Every field the schema documents or the baseline sets, nested objects and a list's first item included.</summary>
    private static IEnumerable<(string Path, JsonNode? Valid, JsonNode? Schema)> Fields(JsonNode schema, JsonNode? baseline, string prefix = "")
    {
        var names = (schema["properties"]?.AsObject().Select(p => p.Key) ?? [])
            .Union((baseline as JsonObject)?.Select(p => p.Key) ?? []);
        foreach (var name in names)
        {
            var path = prefix + name;
            var valid = baseline?[name];
            var inner = schema["properties"]?[name] is { } s ? OpenApi.Resolve(s) : null;
            yield return (path, valid, inner);
            if (valid is JsonObject && inner is not null)
                foreach (var nested in Fields(inner, valid, path + "."))
                    yield return nested;
            if (valid is JsonArray { Count: > 0 } list && list[0] is JsonObject && inner?["items"] is { } items)
                foreach (var nested in Fields(OpenApi.Resolve(items), list[0], path + ".0."))
                    yield return nested;
        }
    }

    private static void Set(JsonObject body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        JsonNode node = body;
        foreach (var part in parts[..^1]) node = int.TryParse(part, out var i) ? node[i]! : node[part]!;
        if (int.TryParse(parts[^1], out var index)) node[index] = value;
        else node[parts[^1]] = value;
    }

    /// <summary>A valid body for each operation that takes one, so one bad field at a time reaches validation.</summary>
    private static Dictionary<string, JsonObject> Baselines(Ids ids) => new()
    {
        ["ProvisionTenant"] = Object(new { name = "Fuzz", currency = "eur", timeZone = "Europe/Berlin",
            stripeSecretKey = "sk_test_fuzzfuzzfuzzfuzzfuzz", webhookSecret = "whsec_fuzzfuzzfuzzfuzzfuzzfuzz",
            adminUserId = "admin", adminName = "Admin" }),
        ["ReplaceTenantStripeSecrets"] = Object(new { stripeSecretKey = "sk_test_fuzzfuzzfuzzfuzzfuzz2",
            webhookSecret = "whsec_fuzzfuzzfuzzfuzzfuzzfuzz2" }),
        ["PutUser"] = Object(new { role = "rep", teamId = "team-a", name = "Rep", email = "rep@example.com" }),
        ["CreateCustomer"] = Object(new { name = "Fuzz Ltd", email = "fuzz@example.com",
            address = new { line1 = "Main St 1", city = "Berlin", postalCode = "10115", country = "DE" }, ownerId = "rep-a1", currency = "eur" }),
        ["UpdateCustomer"] = Object(new { name = "Fuzz Ltd", email = "fuzz@example.com",
            address = new { line1 = "Main St 1", city = "Berlin", postalCode = "10115", country = "DE" }, ownerId = "rep-a1" }),
        ["SetDefaultPaymentMethod"] = Object(new { paymentMethodId = "pm_card_visa" }),
        ["CreateInvoice"] = Object(new { customerId = ids.Customer, currency = "eur", ownerId = "rep-a1", collectionMethod = "send_invoice",
            daysUntilDue = 14, lines = new[] { new { description = "Consulting", quantity = 1, unitAmount = 1000, taxRateBasisPoints = 1900 } },
            labels = new[] { "q4" } }),
        ["AddInvoiceLine"] = Object(new { description = "Consulting", quantity = 1, unitAmount = 1000, taxRateBasisPoints = 1900 }),
        ["AddInvoiceLabel"] = Object(new { label = "q4" }),
        ["HoldInvoice"] = Object(new { reason = "Customer disputes the amount" }),
        ["PutDunningSettings"] = Object(new { retryDelayDays = new[] { 3, 5, 7 }, markUncollectible = true, subscription = "cancel" }),
        ["CreateProduct"] = Object(new { name = "Suite" }),
        ["CreatePlan"] = Object(new { productId = ids.Product, name = "Basic", unitAmount = 1000, currency = "eur",
            interval = "month", intervalCount = 1 }),
        ["ChangePlanPrice"] = Object(new { unitAmount = 1200, effectiveFrom = "2027-01-01T00:00:00Z" }),
        ["CreateAddOn"] = Object(new { name = "Seats", unitAmount = 500, currency = "eur" }),
        ["CreateSubscription"] = Object(new { customerId = ids.Customer, planId = ids.Plan, start = "2026-11-20T00:00:00Z", anchorDay = 20,
            quantity = 1, addOns = new[] { new { addOnId = ids.AddOn, quantity = 1 } }, collectionMethod = "charge_automatically" }),
        ["ChangeSubscription"] = Object(new { planId = ids.Plan, quantity = 2, when = "now" }),
        ["CancelSubscription"] = Object(new { when = "period_end" }),
        ["EnrollInMonthEndBilling"] = Object(new { customerId = ids.Customer, firstPeriod = "2026-12" }),
        ["EnterBillingEntryAmount"] = Object(new { amount = 1000, currency = "eur", note = "November" }),
        ["SubmitBillingEntry"] = Object(new { amount = 1000, currency = "eur", note = "November" }),
        ["ReturnBillingEntry"] = Object(new { comment = "Check the amount" }),
        ["PutReminderSettings"] = Object(new { daysFromDue = new[] { -3, 0, 7 }, sendAt = "09:00" }),
    };

    private static JsonObject Object(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value, ApiHost.JsonOptions)!.AsObject();

    private sealed record Ids(string Tenant, string Customer, string Invoice, string Line, string Product, string Plan, string AddOn,
        string Subscription, string Entry, string Key)
    {
        public string PathValue(string name) => name switch
        {
            "tenantId" => Tenant,
            "customerId" => Customer,
            "invoiceId" => Invoice,
            "lineId" => Line,
            "label" => "q4",
            "planId" => Plan,
            "subscriptionId" => Subscription,
            "entryId" => Entry,
            "userId" => "rep-b",
            "keyId" => Key,
            "importId" => "imp_none",
            _ => throw new InvalidOperationException($"No existing id for the path parameter {name}: add one to {nameof(Ids)}"),
        };

        public string QueryValue(string name) => name switch
        {
            "customerId" => Customer,
            _ => throw new InvalidOperationException($"No valid value for the required query parameter {name}: add one to {nameof(Ids)}"),
        };
    }

    private static async Task<Ids> CreateOneOfEverythingAsync(TenantWorld world)
    {
        var admin = world.Admin;
        async Task<JsonNode> PostAsync(string path, object body) =>
            JsonNode.Parse(await (await Ok(admin.PostAsync(path, new StringContent(Object(body).ToJsonString(), Encoding.UTF8,
                "application/json")))).Content.ReadAsStringAsync())!;
        static async Task<HttpResponseMessage> Ok(Task<HttpResponseMessage> sending)
        {
            var response = await sending;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return response;
        }

        var customer = (await world.CreateCustomerAsync(admin)).Id;
        await PostAsync($"/api/v1/customers/{customer}/default-payment-method", new { paymentMethodId = "pm_card_visa" });
        var invoice = await world.CreateInvoiceAsync(admin, customer, labels: "q4");
        var product = (await PostAsync("/api/v1/catalog/products", new { name = "Suite" }))["id"]!.GetValue<string>();
        var plan = (await PostAsync("/api/v1/catalog/plans", new { productId = product, name = "Basic", unitAmount = 1000,
            interval = "month" }))["id"]!.GetValue<string>();
        var addOn = (await PostAsync("/api/v1/catalog/add-ons", new { name = "Seats", unitAmount = 500,
            currency = "eur" }))["id"]!.GetValue<string>();
        var subscription = (await PostAsync("/api/v1/subscriptions", new { customerId = customer, planId = plan, start = "2026-11-20T00:00:00Z",
            quantity = 1 }))["id"]!.GetValue<string>();
        var entryCustomer = (await world.CreateCustomerAsync(admin, "Month End GmbH")).Id;
        var entry = (await PostAsync("/api/v1/month-end/enrollments", new { customerId = entryCustomer,
            firstPeriod = "2026-11" }))["id"]!.GetValue<string>();
        var key = JsonNode.Parse(await (await Ok(admin.PostAsync("/api/v1/api-keys",
            null))).Content.ReadAsStringAsync())!["keyId"]!.GetValue<string>();
        return new Ids(world.Tenant.TenantId, customer, invoice.Id, invoice.Lines[0].Id, product, plan, addOn, subscription, entry, key);
    }

    /// <summary>Every row in the app's tables with its ETag, kept answers aside: what a 4xx must leave as it was.</summary>
    private sealed class Snapshot(ApiHost host)
    {
        private readonly TableClient[] _tables = [new(ApiHost.AzuriteConnectionString, host.TableName),
            new(ApiHost.AzuriteConnectionString, host.TableName + "keys")];
        private HashSet<string> _rows = [];

        public async Task TakeAsync() => _rows = await ReadAsync();

        public async Task<string?> ChangesAsync()
        {
            var now = await ReadAsync();
            var changed = now.Except(_rows).Concat(_rows.Except(now).Select(r => "-" + r)).ToList();
            _rows = now;
            return changed.Count == 0 ? null : string.Join(", ", changed.Take(5));
        }

        private async Task<HashSet<string>> ReadAsync()
        {
            var rows = new HashSet<string>();
            foreach (var table in _tables)
                await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                    if (!row.RowKey.StartsWith("idem|", StringComparison.Ordinal))
                        rows.Add($"{table.Name}:{row.PartitionKey}|{row.RowKey}@{row.ETag}");
            return rows;
        }
    }
}
