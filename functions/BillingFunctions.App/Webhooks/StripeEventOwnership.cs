using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// Decides whether a received event concerns the tenant whose route it came in on. Tenants can share one Stripe
/// account (every tenant on the local stack; tenants on the platform's own account in production), and Stripe sends
/// each of the account's events to each of its endpoints, so the route alone does not say whose event it is.
/// </summary>
/// <remarks>
/// What we create in Stripe carries <see cref="TenantMetadata"/>: customers, invoices and invoice items. An object
/// without it (a charge, a payment intent, an invoice Stripe made itself) is traced to its customer, or failing that
/// to its invoice, read from Stripe with the tenant's own client. What cannot be traced to the tenant is not theirs:
/// an event is applied only where ownership is shown.
/// </remarks>
public sealed class StripeEventOwnership(TenantDirectory tenants, Func<string, CancellationToken, Task<StripeClient>> stripeFor)
{
    public const string TenantMetadata = "billing_tenant_id";

    // Who owns a customer never changes once we created it; a bounded memo spares a Stripe read per payment event.
    private const int MemoLimit = 10_000;
    private readonly ConcurrentDictionary<(string Tenant, string Customer), string> _customerOwners = new();

    /// <summary>Null when the event concerns <paramref name="stored"/>'s tenant; otherwise why it is ignored there.</summary>
    public async Task<string?> WhyNotOursAsync(StoredStripeEvent stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(stored.Payload);
        }
        catch (JsonException)
        {
            return "the payload is not readable JSON";
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object)
                return "the event carries no object";

            var tenant = await tenants.GetAsync(new TenantId(stored.Tenant), cancellationToken).ConfigureAwait(false);
            if (Text(root, "account") is { } account && tenant is not null && account != tenant.StripeAccount)
                return $"it is an event of Stripe account {account}, and the tenant {(tenant.StripeAccount is null ? "is not on Connect" : $"uses {tenant.StripeAccount}")}";

            if (OwnerIn(obj) is { } named) return Verdict(stored.Tenant, named, $"its {Text(obj, "object") ?? "object"} {Text(obj, "id")}");

            if ((Text(obj, "object") == "customer" ? Text(obj, "id") : IdOf(obj, "customer")) is { } customer)
                return await CustomerVerdictAsync(stored.Tenant, customer, cancellationToken).ConfigureAwait(false);

            if (IdOf(obj, "invoice") is { } invoiceId)
            {
                var client = await stripeFor(stored.Tenant, cancellationToken).ConfigureAwait(false);
                StripeInvoice invoice;
                try
                {
                    invoice = await client.Invoices.RetrieveAsync(invoiceId, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidRequestException e) when (e.HttpStatus == HttpStatusCode.NotFound)
                {
                    return $"its invoice {invoiceId} is not in the tenant's Stripe account";
                }
                if (invoice.Metadata?.GetValueOrDefault(TenantMetadata) is { } invoiceOwner)
                    return Verdict(stored.Tenant, invoiceOwner, $"its invoice {invoiceId}");
                if (invoice.Customer is { } invoiceCustomer)
                    return await CustomerVerdictAsync(stored.Tenant, invoiceCustomer, cancellationToken).ConfigureAwait(false);
            }
            return $"nothing in its {Text(obj, "object") ?? "object"} names a tenant, customer or invoice of ours";
        }
    }

    private async Task<string?> CustomerVerdictAsync(string tenant, string customerId, CancellationToken cancellationToken)
    {
        if (!_customerOwners.TryGetValue((tenant, customerId), out var owner))
        {
            var client = await stripeFor(tenant, cancellationToken).ConfigureAwait(false);
            StripeCustomer customer;
            try
            {
                customer = await client.Customers.RetrieveAsync(customerId, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidRequestException e) when (e.HttpStatus == HttpStatusCode.NotFound)
            {
                return $"its customer {customerId} is not in the tenant's Stripe account";
            }
            if (customer.Metadata?.GetValueOrDefault(TenantMetadata) is not { Length: > 0 } named)
                return $"its customer {customerId} carries no {TenantMetadata}: not a customer we created";
            owner = named;
            if (_customerOwners.Count >= MemoLimit) _customerOwners.Clear();
            _customerOwners[(tenant, customerId)] = owner;
        }
        return Verdict(tenant, owner, $"its customer {customerId}");
    }

    private static string? Verdict(string tenant, string owner, string what) =>
        owner == tenant ? null : $"{what} belongs to tenant {owner}";

    private static string? OwnerIn(JsonElement obj) =>
        obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object ? Text(metadata, TenantMetadata) : null;

    /// <summary>An id field, whether Stripe sent the id or (expanded) the object.</summary>
    private static string? IdOf(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Object ? Text(value, "id")
        : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
