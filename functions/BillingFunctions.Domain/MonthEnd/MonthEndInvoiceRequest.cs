using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.MonthEnd;

/// <summary>
/// What approval asks the process to do: create one invoice line of the approved amount and charge it.
/// The key changes with the entry's version, so an amount approved after a resubmission is a new invoice,
/// while retries of the same approval are one.
/// </summary>
public sealed record MonthEndInvoiceRequest(
    BillingEntryId Entry, CustomerId Customer, Money Amount, string Description, BillingPeriod Period,
    MonthEndBillingDetails BillTo, string IdempotencyKey);
