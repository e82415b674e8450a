using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Reconciliation;

/// <summary>
/// A payment the emulator cannot make (a charge of no invoice) as Stripe would report it: a real <c>charge.succeeded</c>
/// event from the emulator with only its ids, amount and time changed, so it keeps the shape of the API version the
/// emulator speaks; signed with the tenant's webhook secret and posted to the app's real webhook route. Its payment
/// intent is made up, so no invoice payment links it to an invoice.
/// </summary>
internal sealed class CraftedCharges(LiveStack stack, string tenant, string secret, string apiKey)
{
    private JsonObject? _template;

    /// <summary>Takes a real charge.succeeded event the emulator raised, to copy its shape.</summary>
    public async Task UseTemplateAsync(string chargeId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(stack.Emulator.BaseUrl, "v1/events?type=charge.succeeded&limit=100"));
        request.Headers.Authorization = new("Bearer", apiKey);
        using var response = await stack.Http.SendAsync(request);
        var events = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>()
            ?? throw new InvalidOperationException("No events.");
        _template = events["data"]!.AsArray().Select(e => e!.AsObject()).Single(e => e["data"]!["object"]!["id"]!.GetValue<string>() == chargeId);
    }

    /// <summary>Delivers a succeeded charge of <paramref name="amount"/>; returns its charge id.</summary>
    public async Task<string> DeliverAsync(long amount)
    {
        var run = Guid.NewGuid().ToString("N")[..16];
        var evt = (JsonObject)_template!.DeepClone();
        var charge = evt["data"]!["object"]!.AsObject();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        evt["id"] = "evt_crafted" + run;
        evt["created"] = now;
        charge["id"] = "ch_crafted" + run;
        charge["payment_intent"] = "pi_crafted" + run;
        charge["balance_transaction"] = "txn_crafted" + run;
        charge["amount"] = amount;
        charge["amount_captured"] = amount;
        charge["created"] = now;
        if (charge["refunds"] is JsonObject refunds) refunds["url"] = $"/v1/charges/ch_crafted{run}/refunds";

        var body = evt.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.Add("Stripe-Signature", StripeSignature.Header(body, secret));
        using var response = await stack.Http.PostAsync(new Uri(stack.AppUrl, $"/api/webhooks/stripe/{tenant}"), content);
        response.EnsureSuccessStatusCode();
        return charge["id"]!.GetValue<string>();
    }
}
