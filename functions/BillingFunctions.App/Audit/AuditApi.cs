using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;

namespace BillingFunctions.App.Audit;

/// <summary>The audit trail: the whole tenant's for finance and admins, a customer's for whoever can see the customer.</summary>
public static class AuditApi
{
    public static void MapAudit(this IEndpointRouteBuilder api)
    {
        api.MapGet("/audit", async (Caller caller, AuditQueries audit, CancellationToken cancellationToken, int? pageSize,
            string? continuationToken) =>
        {
            if (pageSize is < 1 or > 500) return Problems.Invalid("pageSize is between 1 and 500.");
            return TypedResults.Ok(await audit.PageAsync(caller.Actor.Tenant, AuditRows.Tenant, pageSize ?? 100,
                continuationToken, cancellationToken));
        }).RequireAuthorization(Policies.Finance).WithTags("Audit").WithName("GetTenantAudit").Produces<Page<AuditEntryResponse>>();

        api.MapGet("/customers/{customerId}/audit", async (string customerId, Caller caller, CustomerStore customers, AuditQueries audit,
            CancellationToken cancellationToken, int? pageSize, string? continuationToken) =>
        {
            if (pageSize is < 1 or > 500) return Problems.Invalid("pageSize is between 1 and 500.");
            var actor = caller.Actor;
            if (await customers.GetAsync(actor.Tenant, new CustomerId(customerId), cancellationToken) is not var (customer, _)
                || !actor.CanSee(customer.Owner, customer.OwnerTeam))
                return Problems.NotFound($"customer {customerId}");
            return TypedResults.Ok(await audit.PageAsync(actor.Tenant, AuditRows.ForCustomer(customer.Id), pageSize ?? 100,
                continuationToken, cancellationToken));
        }).RequireAuthorization(Policies.TenantUser).WithTags("Audit").WithName("GetCustomerAudit").Produces<Page<AuditEntryResponse>>();
    }
}
