using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Tests.Invoices;

internal static class InvoiceFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 11, 21);

    public static NewInvoice Request(
        CollectionMethod collection = CollectionMethod.SendInvoice, int? daysUntilDue = 14, params NewInvoiceLine[] lines) => new(
        new InvoiceId("inv_1"), new CustomerId("cus_1"), new UserId("rep-a"), new TeamId("north"), Currency.Usd,
        collection, DueDate: null, daysUntilDue,
        lines.Length == 0 ? [new NewInvoiceLine("Consulting", 3, 12_50, 1900)] : lines,
        ["q4", "Consulting"]);

    public static Invoice Draft(NewInvoice? request = null) => Invoice.CreateDraft(request ?? Request(), Now, Today).Value;

    public static Invoice Open()
    {
        var invoice = Draft();
        invoice.Finalize(Now, Today);
        invoice.LinkToStripe("in_1", "INV-1", "http://stripe/hosted/in_1");
        return invoice;
    }
}
