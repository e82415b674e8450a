using System.ComponentModel.DataAnnotations;
using BillingFunctions.Adapters.StripeApi;
using StripeException = Stripe.StripeException;
using BillingFunctions.App.Http;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Customers;

public static class CustomersApi
{
    public static void MapCustomers(this IEndpointRouteBuilder api)
    {
        var customers = api.MapGroup("/customers").RequireAuthorization(Policies.TenantUser).WithTags("Customers");
        customers.MapPost("", CreateAsync).WithName("CreateCustomer").Produces<CustomerResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        customers.MapGet("", ListAsync).WithName("ListCustomers").Produces<Page<CustomerResponse>>();
        customers.MapGet("/export.csv", Export).WithName("ExportCustomers").ProducesCsv()
            .WithDescription("The customers the list would show, by name, as one CSV file streamed a row per customer. " +
                "The columns are in docs/CSV.md.");
        customers.MapGet("/{customerId}", GetAsync).WithName("GetCustomer").Produces<CustomerResponse>();
        customers.MapPut("/{customerId}", UpdateAsync).WithName("UpdateCustomer").Produces<CustomerResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        customers.MapPost("/{customerId}/default-payment-method", SetPaymentMethodAsync).WithName("SetDefaultPaymentMethod")
            .Produces<CustomerResponse>().ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status502BadGateway);
    }

    private static async Task<IResult> CreateAsync(CreateCustomerRequest request, Caller caller,
        UserDirectory users, CustomerStore store, CustomerStripeSync stripe, TimeProvider time, CancellationToken cancellationToken)
    {
        var currency = caller.Tenant.Currency;
        if (request.Currency is not null && !Currency.TryParse(request.Currency, out currency))
            return Problems.Invalid($"'{request.Currency}' is not an ISO 4217 currency.");
        var owner = await OwnerAsync(caller, request.OwnerId, users, cancellationToken);
        if (owner.Problem is not null) return owner.Problem;

        var created = Customer.Create(new CustomerId(Ids.New("cus")), new CustomerDetails(request.Name, request.Email, request.Address?.ToDomain()),
            owner.User!.Id, owner.User.Team, currency, time.GetUtcNow());
        if (!created.IsSuccess) return Problems.From(created.Error!);
        // In Stripe first: when Stripe refuses or fails, the CRM hears so and nothing of the customer is kept.
        try
        {
            created.Value.LinkToStripe(await stripe.EnsureCreatedAsync(caller.Tenant, created.Value.ToSnapshot(), cancellationToken));
        }
        catch (StripeException e) { return Problems.FromStripe(e); }
        var snapshot = created.Value.ToSnapshot();
        var audit = new AuditEntry(time.GetUtcNow(), caller.Actor.User.Value, "customer.created", snapshot.Name, null, snapshot.Id);
        if (!await store.TryWriteAsync(caller.Tenant.Id, null, default, snapshot, audit, cancellationToken))
            throw new InvalidOperationException($"Customer id {snapshot.Id} was taken.");
        return TypedResults.Created($"/api/v1/customers/{snapshot.Id}", CustomerResponse.From(snapshot));
    }

    private static async Task<IResult> GetAsync(string customerId, Caller caller, CustomerStore store, CancellationToken cancellationToken)
    {
        var actor = caller.Actor;
        return await store.GetAsync(actor.Tenant, new CustomerId(customerId), cancellationToken) is var (customer, _)
            && actor.CanSee(customer.Owner, customer.OwnerTeam)
            ? TypedResults.Ok(CustomerResponse.From(customer))
            : Problems.NotFound($"customer {customerId}");
    }

    private static async Task<IResult> ListAsync(Caller caller, CustomerStore store, CancellationToken cancellationToken,
        [MaxLength(Customer.MaxNameLength)] string? search = null, int? pageSize = null, string? continuationToken = null)
    {
        if (pageSize is < 1 or > 200) return Problems.Invalid("pageSize is between 1 and 200.");
        if (search?.Length > Customer.MaxNameLength) return Problems.Invalid($"search is at most {Customer.MaxNameLength} characters, as a name is.");
        var actor = caller.Actor;
        var page = await store.ListAsync(actor.Tenant, actor, search, pageSize ?? 50, continuationToken, cancellationToken);
        return TypedResults.Ok(new Page<CustomerResponse>(page.Values.Select(r => CustomerResponse.From(CustomerRow.Read(r))).ToList(),
            page.ContinuationToken));
    }

    /// <summary>Every customer the list would show, as CSV (docs/CSV.md), streamed.</summary>
    private static IResult Export(Caller caller, CustomerStore store, [MaxLength(Customer.MaxNameLength)] string? search = null)
    {
        if (search?.Length > Customer.MaxNameLength) return Problems.Invalid($"search is at most {Customer.MaxNameLength} characters, as a name is.");
        var actor = caller.Actor;
        return new CsvDownload("customers.csv", CustomerCsv.Columns, cancellationToken =>
            CustomerCsv.RowsAsync(store.ReadAllAsync(actor.Tenant, actor, search, cancellationToken), cancellationToken));
    }

    private static async Task<IResult> UpdateAsync(string customerId, UpdateCustomerRequest request, Caller caller,
        UserDirectory users, CustomerCommands commands, CancellationToken cancellationToken)
    {
        DirectoryUser? newOwner = null;
        if (request.OwnerId is not null)
        {
            var owner = await OwnerAsync(caller, request.OwnerId, users, cancellationToken);
            if (owner.Problem is not null) return owner.Problem;
            newOwner = owner.User;
        }
        var details = new CustomerDetails(request.Name, request.Email, request.Address?.ToDomain());
        Result<CustomerSnapshot>? changed;
        try
        {
            changed = await commands.ChangeInStripeAsync(caller, new CustomerId(customerId), "customer.updated", customer =>
            {
                var updated = customer.Update(details);
                if (updated.IsSuccess && newOwner is not null && newOwner.Id != customer.Owner) customer.Reassign(newOwner.Id, newOwner.Team);
                return updated;
            }, cancellationToken);
        }
        catch (StripeException e) { return Problems.FromStripe(e); }
        if (changed is null) return Problems.NotFound($"customer {customerId}");
        if (!changed.Value.IsSuccess) return Problems.From(changed.Value.Error!);
        return TypedResults.Ok(CustomerResponse.From(changed.Value.Value));
    }

    private static async Task<IResult> SetPaymentMethodAsync(string customerId, SetPaymentMethodRequest request, Caller caller,
        CustomerStore store, CustomerCommands commands, CustomerStripeSync stripe, IDefaultCardListener cards, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (await store.GetAsync(caller.Tenant.Id, new CustomerId(customerId), cancellationToken) is not var (current, _)
            || !caller.Actor.CanSee(current.Owner, current.OwnerTeam))
            return Problems.NotFound($"customer {customerId}");
        var check = Customer.Restore(current).SetDefaultPaymentMethod(request.PaymentMethodId);
        if (!check.IsSuccess) return Problems.From(check.Error!);
        string attachedId;
        try
        {
            var inStripe = await commands.EnsureInStripeAsync(caller, current, cancellationToken);
            attachedId = (await stripe.AttachPaymentMethodAsync(caller.Tenant, inStripe, request.PaymentMethodId!, cancellationToken)).Id;
        }
        catch (StripeException e) when (e.IsCardError()) { return Problems.CardDeclined(e.Message); }
        catch (StripeException e) when (e.IsInvalidRequest()) { return Problems.Invalid(e.Message); }
        catch (StripeException e) { return Problems.StripeFailed(e.Message); }

        // The new default is set in Stripe before it is written here: if Stripe fails, the customer keeps the old one.
        Result<CustomerSnapshot>? changed;
        try
        {
            changed = await commands.ChangeAsync(caller, current.Id, "customer.payment_method_set",
                c => c.SetDefaultPaymentMethod(attachedId), cancellationToken,
                after => stripe.UpdateAsync(caller.Tenant, after, cancellationToken));
        }
        catch (StripeException e) { return Problems.StripeFailed(e.Message); }
        if (changed is not { IsSuccess: true } ok) return Problems.NotFound($"customer {customerId}");
        await cards.CardUpdatedAsync(caller.Tenant.Id.Value, ok.Value.StripeCustomerId!, attachedId, DurableClients.Of(http), cancellationToken);
        return TypedResults.Ok(CustomerResponse.From(ok.Value));
    }

    /// <summary>The owner a record is given: the caller by default; someone else only if the caller can see their records.</summary>
    internal static async Task<(DirectoryUser? User, IResult? Problem)> OwnerAsync(Caller caller, string? ownerId, UserDirectory users,
        CancellationToken cancellationToken)
    {
        var id = new UserId(ownerId ?? caller.Actor.User.Value);
        // The caller's own entry was read when the request was authenticated.
        var owner = id == caller.User.Id ? caller.User : await users.GetAsync(caller.Tenant.Id, id, cancellationToken);
        if (owner is null) return (null, Problems.Invalid($"There is no user {id} in this tenant's directory."));
        if (!caller.Actor.CanSee(owner.Id, owner.Team)) return (null, Problems.Forbidden($"You cannot assign records to {id}."));
        return (owner, null);
    }
}
