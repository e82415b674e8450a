using BillingFunctions.App.Tenancy;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Invoices;

/// <summary>
/// Hears of an invoice put on hold, after the hold command ran, so that a feature which chases the invoice (dunning)
/// can stop without invoices knowing of it, through the HTTP function's durable client.
/// </summary>
public interface IInvoiceHoldListener
{
    /// <summary>Gets the hold command's result and returns it, whatever it did with it.</summary>
    Task<IResult> AfterHoldAsync(Caller caller, IResult result, DurableTaskClient durable, CancellationToken cancellationToken);
}
