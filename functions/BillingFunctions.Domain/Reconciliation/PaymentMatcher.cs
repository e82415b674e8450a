namespace BillingFunctions.Domain.Reconciliation;

/// <summary>
/// Matches succeeded Stripe payments to invoices. Records of one payment (its charge, its payment intent, the
/// invoice.paid event) merge by payment intent first, so seeing a payment twice is not paying twice.
/// </summary>
public static class PaymentMatcher
{
    public static ReconciliationReport Match(IEnumerable<InvoiceToReconcile> invoices, IEnumerable<StripePayment> payments)
    {
        var known = new Dictionary<string, InvoiceToReconcile>(StringComparer.Ordinal);
        foreach (var invoice in invoices)
            known.TryAdd(invoice.StripeInvoiceId, invoice);

        var conflicts = new List<ConflictingRecords>();
        var merged = payments
            .GroupBy(p => p.PaymentKey, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Merge(g.Key, g.ToList(), conflicts))
            .ToList();

        var withoutInvoice = new List<PaymentWithoutInvoice>();
        var byInvoice = new Dictionary<string, List<ReconciledPayment>>(StringComparer.Ordinal);
        foreach (var payment in merged)
        {
            if (payment.StripeInvoiceId is null)
                withoutInvoice.Add(new(payment, UnmatchedReason.NoInvoiceOnPayment));
            else if (!known.ContainsKey(payment.StripeInvoiceId))
                withoutInvoice.Add(new(payment, UnmatchedReason.UnknownInvoice));
            else
                (byInvoice.TryGetValue(payment.StripeInvoiceId, out var list) ? list : byInvoice[payment.StripeInvoiceId] = []).Add(payment);
        }

        var matched = new List<InvoiceMatch>();
        var paidTwice = new List<InvoicePaidTwice>();
        var mismatches = new List<AmountMismatch>();
        foreach (var (invoiceId, paid) in byInvoice.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var invoice = known[invoiceId];
            if (paid.Count > 1)
                paidTwice.Add(new(invoiceId, invoice.AmountDue, paid.OrderBy(p => p.At).ToList()));
            else if (paid[0].Amount != invoice.AmountDue)
                mismatches.Add(new(invoiceId, invoice.AmountDue, paid[0]));
            else
                matched.Add(new(invoiceId, paid[0]));
        }
        return new(matched, withoutInvoice, paidTwice, mismatches, conflicts);
    }

    private static ReconciledPayment Merge(string key, List<StripePayment> records, List<ConflictingRecords> conflicts)
    {
        var invoiceIds = records.Select(r => r.StripeInvoiceId).OfType<string>().Distinct().ToList();
        var amounts = records.Select(r => r.Amount).Distinct().ToList();
        if (invoiceIds.Count > 1 || amounts.Count > 1)
            conflicts.Add(new(key, records));
        // The charge is the money that moved; prefer its amount over an event's when they disagree.
        var authoritative = records.FirstOrDefault(r => r.Source == PaymentRecordSource.Charge) ?? records[0];
        return new(key, authoritative.StripeInvoiceId ?? invoiceIds.FirstOrDefault(), authoritative.Amount,
            records.Min(r => r.At), records.Select(r => r.Id).Distinct().Order(StringComparer.Ordinal).ToList());
    }
}
