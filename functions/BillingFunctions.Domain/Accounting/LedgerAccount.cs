namespace BillingFunctions.Domain.Accounting;

/// <summary>
/// The accounts the journal posts to. Their names in the exported file are fixed (docs/CSV.md), chosen to match a
/// QuickBooks Online chart of accounts.
/// </summary>
public enum LedgerAccount
{
    /// <summary>What customers owe: debited when an invoice is finalized, credited when it is paid or voided.</summary>
    AccountsReceivable,

    /// <summary>The invoice's subtotal: credited when it is finalized.</summary>
    Revenue,

    /// <summary>The invoice's tax, owed to the tax authority: credited when it is finalized.</summary>
    SalesTaxPayable,

    /// <summary>Money received and not yet deposited: Stripe pays out later, which the accountant matches to the bank.</summary>
    UndepositedFunds,
}
