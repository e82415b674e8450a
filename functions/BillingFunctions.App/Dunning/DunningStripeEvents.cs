using System.Text.Json;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Webhooks;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// Feeds Stripe invoice events to dunning: <c>invoice.payment_failed</c> starts the invoice's process (its id is
/// <c>dunning:{invoice}</c>, so a second start finds it) and is raised into it; <c>invoice.paid</c> and
/// <c>invoice.voided</c> are raised into a running one. Raising takes each event id once, so redelivery is harmless.
/// </summary>
/// <remarks>
/// A new process takes the tenant's policy as it is now (<see cref="DunningSettingsStore"/>) and is indexed under its
/// customer (<see cref="DunningCustomerIndex"/>), so a new card can find it. An invoice the CRM has on hold is not
/// chased (<see cref="DunningHolds"/>). Stripe is needed only to read a decline,
/// so it is made on first use: events that start no dunning work without it.
/// </remarks>
public sealed class DunningStripeEvents(ProcessRuntime<DunningState, DunningEvent, DunningEffect> runtime, DunningStripe stripe,
    DunningSettingsStore settings, DunningCustomerIndex customers, DunningHolds holds, TimeProvider time, ILogger logger)
{
    public async Task ApplyAsync(StoredStripeEvent stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Type is not ("invoice.payment_failed" or "invoice.paid" or "invoice.voided")) return;
        if (InvoiceOf(stored.Payload) is not { } json) return;
        using var document = json;
        var invoice = document.RootElement.GetProperty("data").GetProperty("object");
        var invoiceId = invoice.GetProperty("id").GetString()!;
        var instanceId = DunningState.InstanceIdFor(invoiceId);

        DunningEvent @event;
        if (stored.Type == "invoice.payment_failed")
        {
            // Checked before the start only: once a process runs, putting the invoice on hold stops it.
            if (await runtime.GetAsync(stored.Tenant, instanceId, cancellationToken).ConfigureAwait(false) is null
                && await holds.IsOnHoldAsync(stored.Tenant, invoice, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Invoice {StripeInvoiceId} of tenant {TenantId} failed while on hold: no dunning", invoiceId, stored.Tenant);
                return;
            }
            var (policy, _, _) = await settings.GetAsync(new TenantId(stored.Tenant), cancellationToken).ConfigureAwait(false);
            var initial = DunningState.New(invoiceId, policy);
            // Indexed first: a crash before the start repeats both on the next delivery, so no process goes unindexed.
            if (invoice.TryGetProperty("customer", out var customer) && customer.ValueKind == JsonValueKind.String)
                await customers.AddAsync(stored.Tenant, customer.GetString()!, invoiceId, cancellationToken).ConfigureAwait(false);
            // The raise below wakes it at once; this first wake-up only matters if the raise never happens.
            await runtime.StartAsync(stored.Tenant, instanceId, initial, time.GetUtcNow() + initial.Policy.Window, cancellationToken).ConfigureAwait(false);
            @event = new PaymentFailed(await DeclineCodeAsync(stored.Tenant, invoice, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            @event = stored.Type == "invoice.paid" ? new InvoicePaid() : new InvoiceVoided();
        }
        await runtime.RaiseAsync(stored.Tenant, instanceId, stored.EventId, @event, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The payload when it holds an invoice with an id; a shape we cannot read concerns no dunning (the projection logs it).</summary>
    private static JsonDocument? InvoiceOf(string payload)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
        if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("data", out var data)
            && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("object", out var invoice)
            && invoice.ValueKind == JsonValueKind.Object && invoice.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            return json;
        json.Dispose();
        return null;
    }

    /// <summary>
    /// The invoice does not carry the decline; its payment intent's <c>payment_intent.payment_failed</c> event does
    /// (<c>last_payment_error.decline_code</c>). Null (a soft decline) when that event is not among the recent ones.
    /// </summary>
    private async Task<string?> DeclineCodeAsync(string tenant, JsonElement invoice, CancellationToken cancellationToken)
    {
        if (!invoice.TryGetProperty("payment_intent", out var intent) || intent.ValueKind != JsonValueKind.String) return null;
        var intentId = intent.GetString();
        var client = await stripe.ForAsync(tenant, cancellationToken).ConfigureAwait(false);
        var events = await client.Events.ListAsync(new EventListRequest { Type = "payment_intent.payment_failed", Limit = 100 }, cancellationToken)
            .ConfigureAwait(false);
        foreach (var candidate in events.Data)
        {
            var failed = candidate.Data.Object;
            if (failed.GetProperty("id").GetString() != intentId) continue;
            if (!failed.TryGetProperty("last_payment_error", out var error) || error.ValueKind != JsonValueKind.Object) return null;
            if (error.TryGetProperty("decline_code", out var decline) && decline.ValueKind == JsonValueKind.String) return decline.GetString();
            return error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        return null;
    }
}
