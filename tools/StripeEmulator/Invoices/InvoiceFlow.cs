using StripeEmulator.Http;
using StripeEmulator.Payments;
using StripeEmulator.PaymentMethods;
using StripeEmulator.State;

namespace StripeEmulator.Invoices;

/// <summary>Invoice changes that touch other objects (customer, payment intent, charges) and the events they raise.</summary>
internal static class InvoiceFlow
{
    public static void Finalize(ApiCall call, Invoice invoice)
    {
        var customer = call.Account.Customers.Get(invoice.Customer, "customer");
        var before = invoice.ToJson();
        invoice.Finalize(call.Now, customer.TakeInvoiceNumber(), call.Urls.Absolute($"i/{call.Account.UrlSegment}/{invoice.Id}"), customer.Balance);
        if (invoice.EndingBalance is { } ending && ending != customer.Balance)
        {
            // The customer's credit (negative balance) was applied to this invoice.
            var customerBefore = customer.ToJson();
            customer.Balance = ending;
            call.Emit("customer.updated", customer, customerBefore);
        }
        // Like Stripe, an invoice with something to collect gets its PaymentIntent when it is finalized.
        if (!invoice.Paid) IntentFor(call, invoice);
        call.Emit("invoice.finalized", invoice);
        if (invoice.Paid) call.Emit("invoice.paid", invoice);
        call.EmitUpdated("invoice.updated", invoice, before);
    }

    public static void PayOutOfBand(ApiCall call, Invoice invoice)
    {
        var before = invoice.ToJson();
        invoice.PayOutOfBand(call.Now);
        SetDelinquent(call, invoice.Customer, false);
        call.Emit("invoice.paid", invoice);
        call.EmitUpdated("invoice.updated", invoice, before);
    }

    /// <summary>
    /// Charges the invoice's remaining amount to the given payment method, the invoice's default or
    /// the customer's default. A decline is recorded (failed charge, attempt counted) and then answered with 402.
    /// </summary>
    public static void Pay(ApiCall call, Invoice invoice, string? paymentMethodParam)
    {
        invoice.RequirePayable();
        if (invoice.Paid) return;
        var customer = call.Account.Customers.Get(invoice.Customer, "customer");
        var method = paymentMethodParam is not null
            ? PaymentMethodsApi.Resolve(call, paymentMethodParam, "payment_method")
            : call.Account.PaymentMethods.Find(invoice.DefaultPaymentMethod ?? customer.DefaultPaymentMethod)
              ?? throw ApiException.InvalidRequest(
                  "This customer has no attached payment source or default payment method. Please consider adding a default payment method. For " +
                  "more information, visit https://stripe.com/docs/billing/migration/invoice-states#enabling-automatic-collection.",
                  code: "invoice_no_payment_method_types");
        if (method.Customer is null && TestCard.Find(paymentMethodParam ?? "") is not null) PaymentMethodsApi.AttachTo(call, method, customer);
        if (method.Customer != customer.Id)
            throw ApiException.InvalidRequest($"The PaymentMethod {method.Id} does not belong to the Customer {customer.Id}. Please use a " +
                $"PaymentMethod that belongs to this Customer.", "payment_method");

        var before = invoice.ToJson();
        var intent = IntentFor(call, invoice);
        var decline = method.Card.OnCharge;
        var charge = call.Account.Charges.Add(new Charge(Ids.New("ch"), call.Now, invoice.AmountRemaining, invoice.Currency, method, decline)
        {
            Customer = customer.Id, Invoice = invoice.Id, PaymentIntent = intent.Id, Description = "Payment for Invoice",
        });
        intent.Amount = charge.Amount;
        PaymentFor(invoice, intent).AmountRequested = charge.Amount;
        intent.PaymentMethod = method.Id;
        intent.LatestCharge = charge.Id;

        if (decline is null)
        {
            intent.Status = "succeeded";
            intent.AmountReceived = charge.Amount;
            intent.LastPaymentError = null;
            var payment = PaymentFor(invoice, intent);
            payment.MarkPaid(charge.Amount, call.Now);
            invoice.RecordPaymentSucceeded(call.Now, charge.Id);
            SetDelinquent(call, customer.Id, false);
            call.Emit("charge.succeeded", charge);
            call.Emit("payment_intent.succeeded", intent);
            call.Emit("invoice_payment.paid", payment);
            call.EmitUpdated("invoice.updated", invoice, before);
            call.Emit("invoice.paid", invoice);
            call.Emit("invoice.payment_succeeded", invoice);
            return;
        }

        var error = PaymentMethodsApi.CardError(decline, method, charge.Id);
        intent.Status = "requires_payment_method";
        intent.LastPaymentError = (System.Text.Json.Nodes.JsonObject)error.ToJson()["error"]!;
        invoice.RecordPaymentFailed(call.Now, charge.Id);
        SetDelinquent(call, customer.Id, true);
        call.Emit("charge.failed", charge);
        call.Emit("payment_intent.payment_failed", intent);
        call.EmitUpdated("invoice.updated", invoice, before);
        call.Emit("invoice.payment_failed", invoice);
        call.Failure = PaymentMethodsApi.CardError(decline, method, charge.Id, intent.ToJson());
    }

    public static void SetDelinquent(ApiCall call, string customerId, bool delinquent)
    {
        var customer = call.Account.Customers.Get(customerId, "customer");
        if (customer.Delinquent == delinquent) return;
        var before = customer.ToJson();
        customer.Delinquent = delinquent;
        call.Emit("customer.updated", customer, before);
    }

    public static void CancelPaymentIntent(ApiCall call, Invoice invoice)
    {
        if (call.Account.PaymentIntents.Find(invoice.PaymentIntent) is not { Status: not "succeeded" and not "canceled" } intent) return;
        PaymentFor(invoice, intent).Cancel(call.Now);
        intent.Status = "canceled";
        intent.CanceledAt = call.Now;
        intent.CancellationReason = "void_invoice";
        call.Emit("payment_intent.canceled", intent);
    }

    private static PaymentIntent IntentFor(ApiCall call, Invoice invoice)
    {
        if (call.Account.PaymentIntents.Find(invoice.PaymentIntent) is { } existing) return existing;
        var intent = call.Account.PaymentIntents.Add(new PaymentIntent(Ids.New("pi"), call.Now, invoice.AmountRemaining, invoice.Currency)
        {
            Customer = invoice.Customer, Description = "Payment for Invoice",
        });
        invoice.PaymentIntent = intent.Id;
        var payment = new InvoicePayment(Ids.New("inpay"), call.Now, invoice.Id, invoice.Currency, intent.Id) { AmountRequested = intent.Amount };
        invoice.Payments.Add(call.Account.InvoicePayments.Add(payment));
        call.Emit("payment_intent.created", intent);
        return intent;
    }

    private static InvoicePayment PaymentFor(Invoice invoice, PaymentIntent intent) => invoice.Payments.Single(p => p.PaymentIntent == intent.Id);
}
