using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Reminders;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tenancy;

namespace BillingFunctions.App.Tests.Api.Contract;

/// <summary>
/// The checked-in docs/openapi.json against what the app really takes and answers, judged by Prism's validating
/// proxy: a CRM's whole day of requests, successes and refusals, passes through it without one violation; and the
/// same proxy given a document that is wrong about one field does report it.
/// </summary>
public sealed class OpenApiContractTests(ContractHost host) : IClassFixture<ContractHost>
{
    private static readonly JsonSerializerOptions Json = ApiHost.JsonOptions;

    [Fact]
    public async Task A_crm_day_through_the_validating_proxy_matches_the_document()
    {
        using var world = await TenantWorld.CreateAsync(host, "Contract GmbH");
        var (admin, rep, manager, finance) = (world.Admin, world.RepA1, world.ManagerA, world.Finance);

        // Directory: who am I, users, keys; an admin cannot remove themself; a rep cannot manage users.
        await OkAsync(rep.GetAsync("/api/v1/me"));
        await OkAsync(admin.GetAsync("/api/v1/users"));
        var key = await OkAsync(admin.PostAsync("/api/v1/api-keys", null), HttpStatusCode.Created);
        await OkAsync(admin.GetAsync("/api/v1/api-keys"));
        await StatusAsync(HttpStatusCode.NoContent, admin.DeleteAsync($"/api/v1/api-keys/{key.GetProperty("keyId").GetString()}"));
        await StatusAsync(HttpStatusCode.Conflict, admin.DeleteAsync($"/api/v1/users/{world.Tenant.AdminUserId}"));
        await StatusAsync(HttpStatusCode.Forbidden, rep.GetAsync("/api/v1/users"));
        await StatusAsync(HttpStatusCode.BadRequest, admin.PutAsJsonAsync("/api/v1/users/rep-c", new PutUserRequest("rep", null, "No Team"), Json));

        // Customers: create with an address, update, a card, pages, search; another team's rep does not find it.
        var globex = await ReadAsync<CustomerResponse>(rep.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("Globex GmbH", "ap@globex.example", new AddressDto("Hauptstr. 1", null, "10115", "Berlin", "DE"), null, null),
            Json), HttpStatusCode.Created);
        var initech = await world.CreateCustomerAsync(rep, "Initech AG");
        await OkAsync(rep.PutAsJsonAsync($"/api/v1/customers/{globex.Id}",
            new UpdateCustomerRequest("Globex AG", "ap@globex.example", null, null), Json));
        await OkAsync(rep.PostAsJsonAsync($"/api/v1/customers/{globex.Id}/default-payment-method",
            new SetPaymentMethodRequest("pm_card_visa"), Json));
        var firstPage = await OkAsync(rep.GetAsync("/api/v1/customers?pageSize=1"));
        var token = firstPage.GetProperty("continuationToken").GetString();
        Assert.NotNull(token);
        await OkAsync(rep.GetAsync($"/api/v1/customers?pageSize=1&continuationToken={Uri.EscapeDataString(token)}"));
        await OkAsync(rep.GetAsync("/api/v1/customers?search=Glob"));
        await OkAsync(rep.GetAsync($"/api/v1/customers/{globex.Id}"));
        await StatusAsync(HttpStatusCode.NotFound, world.RepB.GetAsync($"/api/v1/customers/{globex.Id}"));
        await StatusAsync(HttpStatusCode.BadRequest, rep.GetAsync("/api/v1/customers?pageSize=0"));

        // An invoice created with an Idempotency-Key: the repeat is replayed, the key on another request is refused.
        var create = new CreateInvoiceRequest(initech.Id, null, null, "send_invoice", null, 14,
            [new InvoiceLineRequest("Consulting", 2, 10_000, null), new InvoiceLineRequest("Travel", 1, 2_500, 1900)], ["retainer"]);
        var invoice = await ReadAsync<InvoiceResponse>(SendAsync(rep, HttpMethod.Post, "/api/v1/invoices", create, "inv-1"), HttpStatusCode.Created);
        var replay = await SendAsync(rep, HttpMethod.Post, "/api/v1/invoices", create, "inv-1");
        Assert.Equal((HttpStatusCode.Created, "true"), (replay.StatusCode, replay.Headers.GetValues("Idempotent-Replayed").Single()));
        await StatusAsync(HttpStatusCode.UnprocessableEntity, SendAsync(rep, HttpMethod.Post, "/api/v1/invoices",
            create with { DaysUntilDue = 30 }, "inv-1"));

        var withLine = await ReadAsync<InvoiceResponse>(rep.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/lines",
            new InvoiceLineRequest("Workshop", 1, 50_000, null), Json));
        await OkAsync(rep.DeleteAsync($"/api/v1/invoices/{invoice.Id}/lines/{withLine.Lines[^1].Id}"));
        await OkAsync(rep.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/labels", new LabelRequest("q4"), Json));
        await OkAsync(rep.DeleteAsync($"/api/v1/invoices/{invoice.Id}/labels/q4"));
        await OkAsync(rep.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/hold", new HoldRequest("Waiting for the PO number"), Json));
        await OkAsync(rep.PostAsync($"/api/v1/invoices/{invoice.Id}/release", null));
        await StatusAsync(HttpStatusCode.Conflict, rep.PostAsync($"/api/v1/invoices/{invoice.Id}/release", null));
        Assert.Equal("open", (await ReadAsync<InvoiceResponse>(rep.PostAsync($"/api/v1/invoices/{invoice.Id}/finalize", null))).Status);
        await OkAsync(rep.PostAsync($"/api/v1/invoices/{invoice.Id}/send", null));
        await StatusAsync(HttpStatusCode.Conflict, rep.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/lines",
            new InvoiceLineRequest("Late", 1, 100, null), Json));
        await OkAsync(rep.GetAsync($"/api/v1/invoices/{invoice.Id}"));
        await OkAsync(rep.GetAsync($"/api/v1/invoices/{invoice.Id}/timeline"));
        await StatusAsync(HttpStatusCode.NotFound, rep.GetAsync("/api/v1/invoices/inv_missing"));

        // Charged to the card and paid; another voided; one marked uncollectible.
        var charged = await world.CreateInvoiceAsync(rep, globex.Id, 12_345, "hardware");
        await OkAsync(rep.PostAsync($"/api/v1/invoices/{charged.Id}/finalize", null));
        Assert.Equal("paid", (await ReadAsync<InvoiceResponse>(rep.PostAsync($"/api/v1/invoices/{charged.Id}/pay", null))).Status);
        var voided = await world.CreateInvoiceAsync(rep, globex.Id);
        await OkAsync(rep.PostAsync($"/api/v1/invoices/{voided.Id}/finalize", null));
        await OkAsync(rep.PostAsync($"/api/v1/invoices/{voided.Id}/void", null));
        var lost = await world.CreateInvoiceAsync(rep, initech.Id);
        await OkAsync(rep.PostAsync($"/api/v1/invoices/{lost.Id}/finalize", null));
        await OkAsync(finance.PostAsync($"/api/v1/invoices/{lost.Id}/mark-uncollectible", null));
        var dunning = await rep.GetAsync($"/api/v1/invoices/{charged.Id}/dunning");
        Assert.True(dunning.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{dunning.StatusCode}");

        // Lists with filters and pages.
        var invoices = await OkAsync(rep.GetAsync("/api/v1/invoices?pageSize=2"));
        if (invoices.GetProperty("continuationToken").GetString() is { } next)
            await OkAsync(rep.GetAsync($"/api/v1/invoices?pageSize=2&continuationToken={Uri.EscapeDataString(next)}"));
        foreach (var filter in new[] { "status=open", "label=retainer", $"customerId={globex.Id}", "ownerId=rep-a1", "quarter=2026-Q4" })
            await OkAsync(manager.GetAsync($"/api/v1/invoices?{filter}"));

        // Dashboards, audit, reconciliation.
        await OkAsync(rep.GetAsync("/api/v1/dashboards/rep?quarter=2026-Q4"));
        await OkAsync(manager.GetAsync("/api/v1/dashboards/team"));
        await OkAsync(finance.GetAsync("/api/v1/dashboards/tenant"));
        await OkAsync(finance.GetAsync("/api/v1/dashboards/labels?quarter=2026-Q4"));
        await StatusAsync(HttpStatusCode.Forbidden, rep.GetAsync("/api/v1/dashboards/tenant"));
        var audit = await OkAsync(finance.GetAsync("/api/v1/audit?pageSize=3"));
        if (audit.GetProperty("continuationToken").GetString() is { } more)
            await OkAsync(finance.GetAsync($"/api/v1/audit?pageSize=3&continuationToken={Uri.EscapeDataString(more)}"));
        await OkAsync(rep.GetAsync($"/api/v1/customers/{globex.Id}/audit"));
        await OkAsync(finance.GetAsync("/api/v1/reconciliation?from=2026-11-19&to=2026-11-21"));

        // Settings.
        await OkAsync(finance.GetAsync("/api/v1/settings/dunning"));
        await OkAsync(finance.PutAsJsonAsync("/api/v1/settings/dunning", new DunningSettingsRequest([3, 5], true, "pause"), Json));
        await StatusAsync(HttpStatusCode.BadRequest, finance.PutAsJsonAsync("/api/v1/settings/dunning",
            new DunningSettingsRequest([0], null, null), Json));
        await OkAsync(finance.GetAsync("/api/v1/settings/reminders"));
        await OkAsync(finance.PutAsJsonAsync("/api/v1/settings/reminders", new ReminderSettingsRequest([-3, 0, 7], "09:00"), Json));

        // Catalog and a subscription through its life.
        var product = await ReadAsync<ProductResponse>(finance.PostAsJsonAsync("/api/v1/catalog/products", new CreateProductRequest("Suite"),
            Json), HttpStatusCode.Created);
        var plan = await ReadAsync<PlanResponse>(finance.PostAsJsonAsync("/api/v1/catalog/plans",
            new CreatePlanRequest(product.Id, "Basic", 1000, "eur", "month", null), Json), HttpStatusCode.Created);
        var addOn = await ReadAsync<AddOnResponse>(finance.PostAsJsonAsync("/api/v1/catalog/add-ons", new CreateAddOnRequest("Seat", 500, "eur"),
            Json), HttpStatusCode.Created);
        await OkAsync(finance.PostAsJsonAsync($"/api/v1/catalog/plans/{plan.Id}/prices",
            new ChangePlanPriceRequest(1200, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)), Json));
        foreach (var list in new[] { "products", "plans", "add-ons", $"plans/{plan.Id}" }) await OkAsync(rep.GetAsync($"/api/v1/catalog/{list}"));
        await StatusAsync(HttpStatusCode.Forbidden, rep.PostAsJsonAsync("/api/v1/catalog/products", new CreateProductRequest("Nope"), Json));
        var subscription = await ReadAsync<SubscriptionResponse>(rep.PostAsJsonAsync("/api/v1/subscriptions",
            new CreateSubscriptionRequest(globex.Id, plan.Id, null, null, 2, [new AddOnItemRequest(addOn.Id, 3)], null, null, null),
            Json), HttpStatusCode.Created);
        await OkAsync(rep.GetAsync($"/api/v1/subscriptions?customerId={globex.Id}"));
        await OkAsync(rep.GetAsync($"/api/v1/subscriptions/{subscription.Id}"));
        await OkAsync(rep.GetAsync($"/api/v1/subscriptions/{subscription.Id}/timeline"));
        await OkAsync(rep.PostAsJsonAsync($"/api/v1/subscriptions/{subscription.Id}/change",
            new ChangeSubscriptionRequest(null, 3, "period_end"), Json));
        await OkAsync(rep.PostAsync($"/api/v1/subscriptions/{subscription.Id}/pause", null));
        await OkAsync(rep.PostAsync($"/api/v1/subscriptions/{subscription.Id}/resume", null));
        await OkAsync(rep.PostAsJsonAsync($"/api/v1/subscriptions/{subscription.Id}/cancel", new CancelSubscriptionRequest("period_end"), Json));
        await StatusAsync(HttpStatusCode.BadRequest, rep.PostAsJsonAsync("/api/v1/subscriptions",
            new CreateSubscriptionRequest(globex.Id, plan.Id, null, 32, 1, null, null, null, null), Json));

        // Month-end: enrolled, submitted, returned, submitted again, approved; the report.
        var entry = await ReadAsync<BillingEntryResponse>(rep.PostAsJsonAsync("/api/v1/month-end/enrollments",
            new EnrollMonthEndRequest(globex.Id, "2026-11"), Json),
            HttpStatusCode.Created);
        await OkAsync(rep.GetAsync("/api/v1/month-end/entries?period=2026-11"));
        await OkAsync(rep.GetAsync($"/api/v1/month-end/entries/{entry.Id}"));
        await OkAsync(rep.PutAsJsonAsync($"/api/v1/month-end/entries/{entry.Id}/amount", new EnterBillingEntryRequest(90_000, "eur", "Draft"), Json));
        await OkAsync(rep.PostAsJsonAsync($"/api/v1/month-end/entries/{entry.Id}/submit",
            new SubmitBillingEntryRequest(120_000, "eur", "November retainer"), Json));
        await StatusAsync(HttpStatusCode.Forbidden, rep.PostAsync($"/api/v1/month-end/entries/{entry.Id}/approve", null));
        await OkAsync(manager.PostAsJsonAsync($"/api/v1/month-end/entries/{entry.Id}/return",
            new ReturnBillingEntryRequest("Add the workshop."), Json));
        await OkAsync(rep.PostAsJsonAsync($"/api/v1/month-end/entries/{entry.Id}/submit",
            new SubmitBillingEntryRequest(150_000, "eur", "With the workshop"), Json));
        await OkAsync(manager.PostAsync($"/api/v1/month-end/entries/{entry.Id}/approve", null), HttpStatusCode.Accepted);
        await OkAsync(manager.GetAsync("/api/v1/month-end/report?period=2026-11"));

        Assert.Empty(host.Violations);
    }

    [Fact]
    public async Task The_proxy_reports_a_response_that_breaks_a_deliberately_wrong_document()
    {
        using var world = await TenantWorld.CreateAsync(host, "Broken Document Ltd");
        // The document, wrong twice: a customer's name typed as a number, and a field of "me" left out of a closed schema.
        var document = JsonNode.Parse(await File.ReadAllTextAsync(PrismProxy.CheckedInDocument))!;
        var schemas = document["components"]!["schemas"]!;
        schemas["CustomerResponse"]!["properties"]!["name"] = new JsonObject { ["type"] = "integer" };
        Assert.False(schemas["MeResponse"]!["additionalProperties"]!.GetValue<bool>());
        schemas["MeResponse"]!["properties"]!.AsObject().Remove("teamId");
        schemas["MeResponse"]!["required"]!.AsArray().RemoveAt(schemas["MeResponse"]!["required"]!.AsArray().Select(n => n!.GetValue<string>())
            .ToList().IndexOf("teamId"));
        var path = Path.Combine(Path.GetTempPath(), $"openapi-broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, document.ToJsonString());
        try
        {
            await using var broken = await PrismProxy.StartAsync(path, host.AppUrl);
            using var rep = new HttpClient { BaseAddress = broken.Url };
            rep.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.Tenant.ApiKey);
            rep.DefaultRequestHeaders.Add("X-Acting-User", "rep-a1");

            var created = await rep.PostAsJsonAsync("/api/v1/customers", new CreateCustomerRequest("Globex", null, null, null, null), Json);
            var violation = await created.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(PrismProxy.ErrorTypeBase + "VIOLATIONS", violation.GetProperty("type").GetString());
            Assert.Contains(violation.GetProperty("validation").EnumerateArray(), v =>
                v.GetProperty("location").EnumerateArray().Select(l => l.GetString()).SequenceEqual(["response", "body", "name"]));

            var me = await (await rep.GetAsync("/api/v1/me")).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(PrismProxy.ErrorTypeBase + "VIOLATIONS", me.GetProperty("type").GetString());
            Assert.Contains(me.GetProperty("validation").EnumerateArray(), v => v.GetProperty("message")
                .GetString()!.Contains("additional properties"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> sending, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<T> ReadAsync<T>(Task<HttpResponseMessage> sending, HttpStatusCode expected = HttpStatusCode.OK) =>
        (await OkAsync(sending, expected)).Deserialize<T>(Json)!;

    private static async Task StatusAsync(HttpStatusCode expected, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got " +
            $"{(int)response.StatusCode} {body}");
        if ((int)expected >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
