using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// Every string a client sends in a body has its maximum in docs/openapi.json, and the number there is the one the
/// API enforces: the maximum is taken, one character more is a 400 that writes nothing.
/// </summary>
public sealed class DocumentedLimitsTests(ApiHost host) : IClassFixture<ApiHost>
{
    /// <summary>Fields the server matches against a few fixed words (listed in their descriptions) and never stores as sent.</summary>
    private static readonly HashSet<string> Choices = ["collectionMethod", "interval", "when", "role", "subscription", "sendAt"];

    [Fact]
    public void Every_string_in_a_request_body_has_a_documented_maximum()
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var operations = OpenApi.Operations().Where(o => o.Body is not null).ToList();
        Assert.True(operations.Count > 20, "the document lists the operations with a body");
        foreach (var operation in operations) Walk(operation.Body!, operation.OperationId, missing, []);
        Assert.True(missing.Count == 0, "Request strings without maxLength (give the field [MaxLength(TheConstantTheCheckUses)]):\n"
            + string.Join("\n", missing));
    }

    private static void Walk(JsonNode schema, string path, ISet<string> missing, HashSet<JsonNode> seen)
    {
        schema = OpenApi.Resolve(schema);
        if (!seen.Add(schema)) return;
        var types = OpenApi.Types(schema);
        if (types.Contains("string") && schema["format"] is null && schema["enum"] is null && schema["pattern"] is null && schema["maxLength"] is null
            && !Choices.Contains(path[(path.LastIndexOf('.') + 1)..]))
            missing.Add(path);
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            Walk(property!, $"{path}.{name}", missing, seen);
        if (schema["items"] is { } items) Walk(items, path + "[]", missing, seen);
    }

    [Fact]
    public async Task A_customer_name_of_the_documented_maximum_is_taken_and_one_more_is_refused()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var max = BodyMaxLength("CreateCustomer", "name");

        var taken = await world.Admin.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest(new string('a', max), null, null, null, null), ApiHost.JsonOptions);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var refused = await world.Admin.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest(new string('b', max + 1), null, null, null, null), ApiHost.JsonOptions);
        await ProblemAssert.IsAsync(refused, HttpStatusCode.BadRequest, "invalid-request", $"a name of {max + 1}");

        var customers = await TenantWorld.ReadAsync<Page<CustomerResponse>>(await world.Admin.GetAsync("/api/v1/customers"));
        Assert.Equal([new string('a', max)], customers.Items.Select(c => c.Name));
    }

    [Fact]
    public async Task A_line_description_a_label_and_a_hold_reason_of_the_documented_maximum_are_taken_and_one_more_is_refused()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.Admin);
        var invoice = await world.CreateInvoiceAsync(world.Admin, customer.Id);
        var (description, label, reason) = (BodyMaxLength("AddInvoiceLine", "description"), BodyMaxLength("AddInvoiceLabel", "label"),
            BodyMaxLength("HoldInvoice", "reason"));
        Task<HttpResponseMessage> Post(string what, object body) => world.Admin.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/{what}",
            body, ApiHost.JsonOptions);

        await ProblemAssert.IsAsync(await Post("lines", new InvoiceLineRequest(new string('d', description + 1), 1, 100, null)),
            HttpStatusCode.BadRequest, "invalid-request", "description");
        await ProblemAssert.IsAsync(await Post("labels", new LabelRequest(new string('l', label + 1))), HttpStatusCode.BadRequest,
            "invalid-request", "label");
        await ProblemAssert.IsAsync(await Post("hold", new HoldRequest(new string('r', reason + 1))), HttpStatusCode.BadRequest,
            "invalid-request", "hold reason");
        var untouched = await TenantWorld.ReadAsync<InvoiceResponse>(await world.Admin.GetAsync($"/api/v1/invoices/{invoice.Id}"));
        Assert.Equal((1, 0, false), (untouched.Lines.Count, untouched.Labels.Count, untouched.OnHold));

        (await Post("lines", new InvoiceLineRequest(new string('d', description), 1, 100, null))).EnsureSuccessStatusCode();
        (await Post("labels", new LabelRequest(new string('l', label)))).EnsureSuccessStatusCode();
        (await Post("hold", new HoldRequest(new string('r', reason)))).EnsureSuccessStatusCode();
        var changed = await TenantWorld.ReadAsync<InvoiceResponse>(await world.Admin.GetAsync($"/api/v1/invoices/{invoice.Id}"));
        Assert.Equal((new string('d', description), new string('l', label), true),
            (changed.Lines[^1].Description, changed.Labels.Single(), changed.OnHold));
    }

    [Fact]
    public async Task A_user_name_of_the_documented_maximum_is_taken_and_one_more_is_refused()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var max = BodyMaxLength("PutUser", "name");

        var refused = await world.Admin.PutAsJsonAsync("/api/v1/users/rep-long",
            new PutUserRequest("rep", "team-a", new string('n', max + 1)), ApiHost.JsonOptions);
        await ProblemAssert.IsAsync(refused, HttpStatusCode.BadRequest, "invalid-request", $"a user name of {max + 1}");
        Assert.DoesNotContain((await TenantWorld.ReadAsync<List<UserResponse>>(await world.Admin.GetAsync("/api/v1/users"))),
            u => u.Id == "rep-long");

        (await world.Admin.PutAsJsonAsync("/api/v1/users/rep-long", new PutUserRequest("rep", "team-a", new string('n', max)), ApiHost.JsonOptions))
            .EnsureSuccessStatusCode();
        Assert.Equal(new string('n', max), (await TenantWorld.ReadAsync<List<UserResponse>>(await world.Admin.GetAsync("/api/v1/users")))
            .Single(u => u.Id == "rep-long").Name);
    }

    [Theory]
    [InlineData("ListCustomers", "/api/v1/customers", "search")]
    [InlineData("ListInvoices", "/api/v1/invoices", "label")]
    public async Task A_query_parameter_of_the_documented_maximum_is_taken_and_one_more_is_refused(string operationId, string path, string name)
    {
        using var world = await TenantWorld.CreateAsync(host);
        var schema = OpenApi.Operations()
            .Single(o => o.OperationId == operationId).Parameters.Single(p => p["name"]!.GetValue<string>() == name)["schema"]!;
        var max = (schema["maxLength"] ?? schema["items"]?["maxLength"])?.GetValue<int>();
        Assert.True(max is not null, $"{operationId} documents no maximum for {name}");

        Assert.Equal(HttpStatusCode.OK, (await world.Admin.GetAsync($"{path}?{name}={new string('q', max.Value)}")).StatusCode);
        await ProblemAssert.IsAsync(await world.Admin.GetAsync($"{path}?{name}={new string('q', max.Value + 1)}"), HttpStatusCode.BadRequest,
            "invalid-request", $"{name} of {max + 1}");
    }

    private static int BodyMaxLength(string operationId, string property)
    {
        var body = OpenApi.Operations().Single(o => o.OperationId == operationId).Body!;
        var max = OpenApi.Resolve(body)["properties"]?[property]?["maxLength"]?.GetValue<int>();
        Assert.True(max is not null, $"{operationId} documents no maxLength for {property}");
        return max.Value;
    }
}
