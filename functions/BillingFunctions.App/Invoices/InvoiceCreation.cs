using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.App.Invoices;

/// <summary>POST /invoices: a draft for a customer the caller can see, in the customer's currency.</summary>
internal static class InvoiceCreation
{
    public static async Task<IResult> CreateAsync(CreateInvoiceRequest request, Caller caller,
        UserDirectory users, CustomerStore customers, InvoiceStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.CustomerId is null) return Problems.Invalid("customerId is required.");
        if (await customers.GetAsync(caller.Tenant.Id, new CustomerId(request.CustomerId), cancellationToken) is not var (customer, _)
            || !caller.Actor.CanSee(customer.Owner, customer.OwnerTeam))
            return Problems.NotFound($"customer {request.CustomerId}");

        var currency = customer.Currency;
        if (request.Currency is not null)
        {
            if (!Currency.TryParse(request.Currency, out currency)) return Problems.Invalid($"'{request.Currency}' is not an ISO 4217 currency.");
            if (currency != customer.Currency)
                return Problems.CurrencyMismatch($"Customer {customer.Id} is billed in {customer.Currency}, not {currency}.");
        }
        if (request.DueDate is { } due && !BusinessDates.Contains(due)) return Problems.Invalid($"dueDate is {BusinessDates.Range}.");
        if (request.Lines is not { Count: > 0 }) return Problems.Invalid("An invoice needs at least one line.");
        if (request.Lines.Any(l => l is null || l.UnitAmount is null)) return Problems.Invalid("Every line needs a unitAmount in minor units.");
        var collection = request.CollectionMethod switch
        {
            null or "send_invoice" => CollectionMethod.SendInvoice,
            "charge_automatically" => CollectionMethod.ChargeAutomatically,
            _ => (CollectionMethod?)null,
        };
        if (collection is null) return Problems.Invalid("collectionMethod is send_invoice or charge_automatically.");
        var (owner, problem) = await CustomersApi.OwnerAsync(caller, request.OwnerId ?? customer.Owner.Value, users, cancellationToken);
        if (problem is not null) return problem;

        var now = time.GetUtcNow();
        var draft = Invoice.CreateDraft(new NewInvoice(
            new InvoiceId(Ids.New("inv")), customer.Id, owner!.Id, owner.Team, currency, collection.Value, request.DueDate, request.DaysUntilDue,
            request.Lines.Select(l => new NewInvoiceLine(l.Description, l.Quantity ?? 1, l.UnitAmount!.Value, l.TaxRateBasisPoints)).ToList(),
            request.Labels ?? []), now, caller.Tenant.Calendar.Today(now));
        if (!draft.IsSuccess) return Problems.From(draft.Error!);

        var snapshot = draft.Value.ToSnapshot();
        var audit = new AuditEntry(now, caller.Actor.User.Value, "created", $"{snapshot.Lines.Count} lines, {draft.Value.Total.Minor} {currency}",
            snapshot.Id, snapshot.Customer);
        if (!await store.CreateAsync(caller.Tenant, snapshot, audit, cancellationToken, IdempotencyClaim.Current))
            throw new InvalidOperationException($"Invoice id {snapshot.Id} was taken.");
        return TypedResults.Created($"/api/v1/invoices/{snapshot.Id}", InvoiceResponse.From(snapshot));
    }
}
