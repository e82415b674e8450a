using System.Collections.Concurrent;
using BillingFunctions.Adapters.StripeApi;
using Stripe;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>Tests' own way into an emulator: one Stripe.net client per emulator, built as the app builds its client, unpaced.</summary>
internal static class TestStripe
{
    private static readonly ConcurrentDictionary<Uri, StripeClient> Clients = new();

    public static StripeClient Client(Uri emulator) =>
        Clients.GetOrAdd(emulator, url => StripeConnection.Create(new StripeConnectionOptions { ApiBase = url, RequestsPerSecondPerAccount = null }));

    public static StripeAccount Account(Uri emulator, string apiKey, string? connectedAccount = null) =>
        new(Client(emulator), apiKey, connectedAccount);
}

/// <summary>Reading what the tests check in Stripe.net's types.</summary>
internal static class StripeReads
{
    /// <summary>The id of the object an event is about.</summary>
    public static string? ObjectId(this Event stripeEvent) => (stripeEvent.Data?.Object as IHasId)?.Id;

    /// <summary>The payment intent of an invoice's (latest) payment: since 2025 the invoice names it only through its payments.</summary>
    public static async Task<PaymentIntent?> PaymentIntentOfAsync(this StripeAccount stripe, string invoiceId)
    {
        var invoice = await stripe.V1.Invoices.GetAsync(invoiceId, new InvoiceGetOptions { Expand = ["payments"] }, stripe.Read());
        var payment = invoice.Payments?.Data.OrderByDescending(p => p.Created).FirstOrDefault(p => p.Payment?.PaymentIntentId is not null);
        return payment is null ? null : await stripe.V1.PaymentIntents.GetAsync(payment.Payment.PaymentIntentId, null, stripe.Read());
    }
}
