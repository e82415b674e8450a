extern alias app;

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using StripeEventOwnership = app::BillingFunctions.App.Webhooks.StripeEventOwnership;
using StripeInvoiceEvents = app::BillingFunctions.App.Invoices.StripeInvoiceEvents;

namespace Benchmarks.Crm;

/// <summary>
/// A tenant's invoices made real in the Stripe emulator: one customer with a card, and per CRM draft an invoice with
/// the draft's total, our tenant and invoice ids in its metadata (as the app's own invoices carry), finalized and paid
/// by card. What comes back is each payment's <c>invoice.paid</c> event as the emulator emitted it, for the ingest to POST.
/// </summary>
internal sealed class PaidStripeInvoices(Uri emulator, string apiKey, string tenant)
{
    private readonly StripeAccount _stripe = new(StripeConnection.Create(new StripeConnectionOptions
    {
        ApiBase = emulator, RequestsPerSecondPerAccount = null,
    }), apiKey);

    public async Task PayAsync(IReadOnlyList<(string InvoiceId, long Total)> drafts, CancellationToken cancellationToken)
    {
        var ours = new Dictionary<string, string> { [StripeEventOwnership.TenantMetadata] = tenant };
        var customer = await _stripe.V1.Customers.CreateAsync(new CustomerCreateOptions { Name = "Bench", Metadata = ours },
            _stripe.Write($"{tenant}:c"), cancellationToken);
        var card = await _stripe.V1.PaymentMethods.AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = customer.Id },
            _stripe.Write($"{tenant}:pm"), cancellationToken);
        await _stripe.V1.Customers.UpdateAsync(customer.Id, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = card.Id },
        }, _stripe.Write($"{tenant}:default"), cancellationToken);

        await Parallel.ForEachAsync(drafts, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (draft, ct) =>
        {
            var key = $"{tenant}:{draft.InvoiceId}";
            var metadata = new Dictionary<string, string>(ours) { [StripeInvoiceEvents.InvoiceIdMetadata] = draft.InvoiceId };
            var invoice = await _stripe.V1.Invoices.CreateAsync(new InvoiceCreateOptions
            {
                Customer = customer.Id, Currency = "eur", CollectionMethod = "charge_automatically", AutoAdvance = false,
                PendingInvoiceItemsBehavior = "exclude", Metadata = metadata,
            }, _stripe.Write(key + ":create"), ct);
            await _stripe.V1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions
            {
                Customer = customer.Id, Invoice = invoice.Id, Amount = draft.Total, Currency = "eur", Description = "Bench", Metadata = metadata,
            }, _stripe.Write(key + ":line"), ct);
            await _stripe.V1.Invoices.FinalizeInvoiceAsync(invoice.Id, new InvoiceFinalizeOptions { AutoAdvance = false },
                _stripe.Write(key + ":finalize"), ct);
            await _stripe.V1.Invoices.PayAsync(invoice.Id, new InvoicePayOptions(), _stripe.Write(key + ":pay"), ct);
        });
    }

    /// <summary>
    /// The <c>invoice.paid</c> events of this tenant's invoices, raw as the emulator serializes them for delivery. With
    /// <paramref name="embedPayments"/> each event's invoice also carries its expanded <c>payments</c>, which Stripe never
    /// puts in an event: the same events as if they named their payment intent, so the app need not read Stripe.
    /// </summary>
    public async Task<IReadOnlyList<(string InvoiceId, string Body)>> PaidEventsAsync(bool embedPayments, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = emulator };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var events = new List<JsonObject>();
        string? after = null;
        do
        {
            var page = JsonNode.Parse(await http.GetStringAsync(
                $"/v1/events?type=invoice.paid&limit=100{(after is null ? "" : "&starting_after=" + after)}",
                cancellationToken))!;
            var data = page["data"]!.AsArray().Select(e => e!.AsObject()).ToList();
            events.AddRange(data);
            after = page["has_more"]!.GetValue<bool>() ? data[^1]["id"]!.GetValue<string>() : null;
        }
        while (after is not null);

        var bodies = new List<(string, string)>();
        foreach (var stripeEvent in events)
        {
            var invoice = stripeEvent["data"]!["object"]!.AsObject();
            // Every key opens the emulator's one account, as tenants sharing a Stripe account do: keep this tenant's.
            if (invoice["metadata"]?[StripeEventOwnership.TenantMetadata]?.GetValue<string>() != tenant) continue;
            if (embedPayments)
            {
                var expanded = JsonNode.Parse(await http.GetStringAsync($"/v1/invoices/{invoice["id"]}?expand[]=payments", cancellationToken))!;
                invoice["payments"] = expanded["payments"]!.DeepClone();
            }
            bodies.Add((invoice["metadata"]![StripeInvoiceEvents.InvoiceIdMetadata]!.GetValue<string>(), stripeEvent.ToJsonString()));
        }
        return bodies;
    }
}
