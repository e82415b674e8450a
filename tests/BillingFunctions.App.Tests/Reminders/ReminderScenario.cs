using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Reminders;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Webhooks;
using BillingFunctions.Domain.Reminders;

namespace BillingFunctions.App.Tests.Reminders;

/// <summary>
/// One tenant's invoice sent through the CRM API to the Stripe emulator, its Stripe events stored and applied by the
/// app's own apply-stripe-event function, and its reminders run by the app's orchestration on the host's task hub.
/// </summary>
internal sealed class ReminderScenario(ReminderHost host, TenantWorld world)
{
    public TenantWorld World => world;
    public string Tenant => world.Tenant.TenantId;

    public static async Task<ReminderScenario> CreateAsync(ReminderHost host, string timeZone) =>
        new(host, await TenantWorld.CreateAsync(host, "Acme", timeZone));

    public async Task<HttpResponseMessage> PutSettingsAsync(HttpClient client, object body) =>
        await client.PutAsJsonAsync("/api/v1/settings/reminders", body, ApiHost.JsonOptions);

    /// <summary>A 250.00 EUR invoice due on <paramref name="due"/>, finalized and sent by its rep; returns it as the CRM shows it.</summary>
    public async Task<InvoiceResponse> SendInvoiceDueAsync(DateOnly due)
    {
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var draft = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(
            customer.Id, "eur", null, "send_invoice", due, null, [new InvoiceLineRequest("Retainer", 1, 25_000, null)], []), ApiHost.JsonOptions));
        await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));
        var sent = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/send", null));
        await DeliverAsync("invoice.sent", sent.StripeInvoiceId!);
        return sent;
    }

    /// <summary>
    /// Stores the emulator's event for the invoice exactly as Stripe sent it and runs the app's apply-stripe-event
    /// function on it, as the webhook function and the stripe-events queue would.
    /// </summary>
    public async Task DeliverAsync(string type, string stripeInvoiceId)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Stripe.BaseUrl, $"v1/events?type={type}&limit=100"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_reminders");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray();
        var found = list.Single(e => e!["data"]!["object"]!["id"]!.GetValue<string>() == stripeInvoiceId)!;
        var eventId = found["id"]!.GetValue<string>();
        await host.Services.GetRequiredService<StripeEventStore>()
            .TryAddAsync(new StoredStripeEvent(Tenant, eventId, type, found.ToJsonString(), host.Clock.GetUtcNow(), null), CancellationToken.None);
        await host.Host.InvokeAsync("apply-stripe-event", new StripeEventMessage(Tenant, eventId).ToJson());
    }

    /// <summary>Moves the tenant's reminders along to the app's clock, as the dev clock does after a jump.</summary>
    public Task RunUntilQuietAsync() => DurableProcesses.SettleAsync(host.Services, Tenant);

    /// <summary>Every email this tenant's app put on the outbox, in queue order.</summary>
    public async Task<List<OutboxEmail>> OutboxAsync() =>
        [.. ((await host.Outbox.PeekMessagesAsync(32)).Value).Select(m => OutboxEmail.FromJson(m.MessageText)).Where(e => e.TenantId == Tenant)];

    public Task<SettledInstance> InstanceAsync(string stripeInvoiceId) =>
        DurableProcesses.InstanceAsync(host.Services, Tenant, ReminderKind.InstanceIdFor(stripeInvoiceId));

    public static ReminderState StateOf(SettledInstance instance) => ReminderKind.Instance.Read<ReminderState>(instance.State);
}
