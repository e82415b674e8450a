using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Customers;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using StripeException = Stripe.StripeException;

namespace BillingFunctions.App.Imports;

/// <summary>
/// Customers from <c>customers.csv</c> (docs/CSV.md), a row each, as POST /customers makes them: validated by the
/// domain, created in Stripe first (its idempotency key is the customer's id, so a retry finds the same Stripe
/// customer), then written with their audit row. The customer's id comes from the row's external id.
/// </summary>
public sealed class CustomerImport(CustomerStore store, CustomerStripeSync stripe, TimeProvider time) : RecordImport
{
    public override string Kind => "customers";

    public override IReadOnlyList<string> Columns => CustomerCsv.ImportColumns;

    public override IReadOnlyList<string> Required => [CustomerCsv.ExternalId, CustomerCsv.Name];

    public override async Task<RecordCheck> CheckAsync(ImportScope scope, ImportRecord record, CancellationToken cancellationToken)
    {
        var row = record.Rows[0];
        var id = new CustomerId(ImportIds.For("cus", record.ExternalId));
        if (await store.GetAsync(scope.Tenant.Id, id, cancellationToken) is not null) return new RecordCheck.Exists();

        var errors = new List<ImportRowError>();
        var currency = scope.Tenant.Currency;
        if (row[CustomerCsv.Currency] is { } code && !Currency.TryParse(code, out currency))
            errors.Add(new(row.Line, CustomerCsv.Currency, $"'{code}' is not an ISO 4217 currency."));
        var owner = await scope.OwnerAsync(row[CustomerCsv.OwnerId], cancellationToken);
        if (owner is null)
            errors.Add(new(row.Line, CustomerCsv.OwnerId,
                $"There is no user {row[CustomerCsv.OwnerId] ?? scope.Importer.Value} in this tenant's directory."));
        string?[] address = [row[CustomerCsv.Line1], row[CustomerCsv.Line2], row[CustomerCsv.PostalCode], row[CustomerCsv.City],
            row[CustomerCsv.Country]];
        var details = new CustomerDetails(row[CustomerCsv.Name], row[CustomerCsv.Email],
            address.All(a => a is null) ? null : new BillingAddress(address[0], address[1], address[2], address[3], address[4]));
        // Each field alone on a customer with a valid name: what is wrong with it is said in its column.
        foreach (var (column, alone) in Alone(row))
            if (Customer.Create(id, alone, scope.Importer, null, currency, time.GetUtcNow()) is { IsSuccess: false } refused)
                errors.Add(new(row.Line, column, refused.Error!.Message));
        if (errors.Count > 0) return new RecordCheck.Invalid(errors);
        var created = Customer.Create(id, details, owner!.Id, owner.Team, currency, time.GetUtcNow());
        return created.IsSuccess
            ? new RecordCheck.Ready(created.Value.ToSnapshot())
            : new RecordCheck.Invalid([new(row.Line, null, created.Error!.Message)]);
    }

    private static IEnumerable<(string Column, CustomerDetails Alone)> Alone(ImportCsvRow row)
    {
        const string Valid = "x";
        yield return (CustomerCsv.Name, new CustomerDetails(row[CustomerCsv.Name], null, null));
        yield return (CustomerCsv.Email, new CustomerDetails(Valid, row[CustomerCsv.Email], null));
        yield return (CustomerCsv.Line1, new CustomerDetails(Valid, null, new BillingAddress(row[CustomerCsv.Line1], null, null, null, null)));
        yield return (CustomerCsv.Line2, new CustomerDetails(Valid, null, new BillingAddress(null, row[CustomerCsv.Line2], null, null, null)));
        yield return (CustomerCsv.PostalCode, new CustomerDetails(Valid, null,
            new BillingAddress(null, null, row[CustomerCsv.PostalCode], null, null)));
        yield return (CustomerCsv.City, new CustomerDetails(Valid, null, new BillingAddress(null, null, null, row[CustomerCsv.City], null)));
        yield return (CustomerCsv.Country, new CustomerDetails(Valid, null, new BillingAddress(null, null, null, null, row[CustomerCsv.Country])));
    }

    public override async Task<bool> WriteAsync(ImportScope scope, object plan, CancellationToken cancellationToken)
    {
        var customer = Customer.Restore((CustomerSnapshot)plan);
        try
        {
            customer.LinkToStripe(await stripe.EnsureCreatedAsync(scope.Tenant, customer.ToSnapshot(), cancellationToken));
        }
        catch (StripeException e) when (e.IsInvalidRequest() || e.IsCardError())
        {
            throw new ImportWriteException(null, $"Stripe refused the customer: {e.Message}");
        }
        var snapshot = customer.ToSnapshot();
        var audit = new AuditEntry(time.GetUtcNow(), scope.Importer.Value, "customer.imported", snapshot.Name, null, snapshot.Id);
        return await store.TryWriteAsync(scope.Tenant.Id, null, default, snapshot, audit, cancellationToken);
    }
}
