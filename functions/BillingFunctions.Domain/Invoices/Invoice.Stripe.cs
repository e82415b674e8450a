namespace BillingFunctions.Domain.Invoices;

public sealed partial class Invoice
{
    public string? StripeInvoiceId => _state.StripeInvoiceId;

    public void LinkToStripe(string stripeInvoiceId, string? number, string? hostedInvoiceUrl) =>
        _state = _state with { StripeInvoiceId = stripeInvoiceId, Number = number ?? _state.Number,
            HostedInvoiceUrl = hostedInvoiceUrl ?? _state.HostedInvoiceUrl };

    /// <summary>
    /// Folds in what Stripe reports. Stripe delivers events more than once and out of order, so an
    /// observation that would move the invoice backwards is ignored; applying the same one twice changes nothing.
    /// Returns the change, or null when the observation is stale or already known.
    /// </summary>
    public InvoiceChange? Apply(StripeInvoiceObservation seen)
    {
        if (_state.StripeInvoiceId is { } linked && linked != seen.StripeInvoiceId) return null;
        var before = _state;
        var forward = InvoiceStatusOrder.Rank(seen.Status) > InvoiceStatusOrder.Rank(Status);
        var sameStage = seen.Status == Status;
        if (!forward && !sameStage) return null;

        _state = _state with
        {
            StripeInvoiceId = seen.StripeInvoiceId,
            Status = seen.Status,
            AmountPaidMinor = Math.Max(_state.AmountPaidMinor, seen.AmountPaidMinor),
            Number = seen.Number ?? _state.Number,
            HostedInvoiceUrl = seen.HostedInvoiceUrl ?? _state.HostedInvoiceUrl,
            FinalizedAt = seen.Status != InvoiceStatus.Draft ? _state.FinalizedAt ?? seen.ObservedAt : _state.FinalizedAt,
            PaidAt = seen.Status == InvoiceStatus.Paid ? _state.PaidAt ?? seen.ObservedAt : _state.PaidAt,
            ClosedAt = seen.Status is InvoiceStatus.Void or InvoiceStatus.Uncollectible ? _state.ClosedAt ?? seen.ObservedAt : _state.ClosedAt,
            OnHold = seen.Status is InvoiceStatus.Paid or InvoiceStatus.Void ? false : _state.OnHold,
        };
        return _state == before ? null : new InvoiceChange($"stripe.{seen.Status.ToString().ToLowerInvariant()}", seen.StripeInvoiceId);
    }
}
