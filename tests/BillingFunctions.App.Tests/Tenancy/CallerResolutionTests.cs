using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Tenancy;

/// <summary>
/// The caller (API key, acting user, tenant settings) is resolved once per request, where it is authenticated: every
/// row it comes from is read once, however many parts of the request (idempotency, handler, owner checks) need it.
/// </summary>
public sealed class CallerResolutionTests(ReadCountingHost host) : IClassFixture<ReadCountingHost>
{
    private sealed record Step(string Name, HttpClient Client, Func<HttpClient, Task<HttpResponseMessage>> Call, HttpStatusCode Expected);

    [Fact]
    public async Task A_request_reads_its_api_key_acting_user_and_tenant_rows_once_each()
    {
        using var world = await TenantWorld.CreateAsync(host, "Acme");
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var invoice = await world.CreateInvoiceAsync(world.RepA1, customer.Id);

        Step[] steps =
        [
            new("create a customer", world.RepA1, c => c.PostAsJsonAsync("/api/v1/customers",
                new CreateCustomerRequest("Initech", "billing@initech.example", null, null, null), ApiHost.JsonOptions), HttpStatusCode.Created),
            new("create an invoice with an idempotency key", world.RepA1, c => c.SendAsync(Keyed(HttpMethod.Post, "/api/v1/invoices",
                    new CreateInvoiceRequest(customer.Id, null, null, null, null, 14, [new InvoiceLineRequest("Consulting", 1, 5_000, null)], []))),
                HttpStatusCode.Created),
            new("put an invoice on hold", world.ManagerA,
                c => c.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/hold", new HoldRequest("checking"), ApiHost.JsonOptions), HttpStatusCode.OK),
            new("read an invoice", world.Finance, c => c.GetAsync($"/api/v1/invoices/{invoice.Id}"), HttpStatusCode.OK),
        ];
        var keyHash = ApiKeyStore.Hash(world.Tenant.ApiKey);
        foreach (var step in steps)
        {
            host.ClearReads();
            var response = await step.Call(step.Client);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == step.Expected, $"{step.Name}: {(int)response.StatusCode} {body}");

            var actingUser = step.Client.DefaultRequestHeaders.GetValues("X-Acting-User").Single();
            var reads = string.Join(", ", host.PointReads);
            Assert.True(host.ReadsOf(host.TableName + "keys", keyHash, "key") == 1, $"{step.Name}: the API key row; point reads: {reads}");
            Assert.True(host.ReadsOf(host.TableName, world.Tenant.TenantId, UserDirectory.RowPrefix + actingUser) == 1,
                $"{step.Name}: the acting user's row; point reads: {reads}");
            Assert.True(host.ReadsOf(host.TableName, BillingTables.PlatformPartition, "ten|" + world.Tenant.TenantId) == 1,
                $"{step.Name}: the tenant row; point reads: {reads}");
        }
    }

    private static HttpRequestMessage Keyed(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: ApiHost.JsonOptions) };
        request.Headers.Add(IdempotencyFilter.Header, Guid.NewGuid().ToString("N"));
        return request;
    }
}
