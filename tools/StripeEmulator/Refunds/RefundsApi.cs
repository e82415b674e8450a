using System.Text.Json.Nodes;
using StripeEmulator.Http;
using StripeEmulator.Payments;
using StripeEmulator.State;

namespace StripeEmulator.Refunds;

internal static class RefundsApi
{
    private static readonly string[] CreateParams =
    [
        "amount", "charge", "currency", "customer", "instructions_email", "metadata", "origin", "payment_intent", "reason",
        "refund_application_fee", "reverse_transfer",
    ];

    public static void MapRefunds(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/refunds", (HttpContext http) => Api.Run(http, CreateParams, call =>
        {
            var p = call.Params;
            var charge = ChargeFor(call.Account, p.String("charge"), p.String("payment_intent"));
            var reason = p.String("reason");
            if (reason is not (null or "duplicate" or "fraudulent" or "requested_by_customer"))
                throw ApiException.InvalidRequest("Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "reason");
            var refund = Create(call, charge, p.Long("amount"), reason);
            p.ApplyMetadata(refund.Metadata);
            return refund.ToJson();
        }));

    public static Refund Create(ApiCall call, Charge charge, long? amount, string? reason)
    {
        if (charge.Refundable == 0)
            throw ApiException.InvalidRequest($"Charge {charge.Id} has already been refunded.", "charge", "charge_already_refunded");
        var value = amount ?? charge.Refundable;
        if (value <= 0) throw ApiException.InvalidRequest("Refund amount must be positive.", "amount");
        ChargeableAmounts.Require(value, charge.Currency, "amount");
        if (value > charge.Refundable)
            throw ApiException.InvalidRequest(
                $"Refund amount ({value}) is greater than unrefunded amount on charge ({charge.Refundable})", "amount", "amount_too_large");
        var refund = call.Account.Refunds.Add(new Refund(Ids.New("re"), call.Now, value, charge.Currency, charge.Id,
            charge.PaymentIntent) { Reason = reason });
        var before = charge.ToJson();
        charge.AmountRefunded += value;
        charge.Refunds.Add(refund);
        call.Emit("refund.created", refund);
        call.Emit("charge.refunded", charge, before);
        return refund;
    }

    private static Charge ChargeFor(AccountState account, string? chargeId, string? intentId)
    {
        if (!string.IsNullOrEmpty(chargeId)) return account.Charges.Get(chargeId, "charge");
        if (string.IsNullOrEmpty(intentId))
            throw ApiException.InvalidRequest("One of the following params should be provided for this request: payment_intent or charge.",
                "charge", "parameter_missing");
        var intent = account.PaymentIntents.Get(intentId, "payment_intent");
        return account.Charges.Find(intent.Status == "succeeded" ? intent.LatestCharge : null)
            ?? throw ApiException.InvalidRequest($"This PaymentIntent ({intent.Id}) does not have a successful charge to refund.", "payment_intent",
                "charge_not_refundable");
    }
}
