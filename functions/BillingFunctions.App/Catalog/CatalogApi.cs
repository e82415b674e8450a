using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.App.Catalog;

/// <summary>
/// <c>/api/v1/catalog</c>: every tenant user reads the catalog (reps sell from it); finance and admins change it,
/// because a price is a commercial decision that reaches every subscription.
/// </summary>
public static class CatalogApi
{
    /// <summary>Products, plans and add-ons are named like customers: what fits an invoice line and a Stripe product.</summary>
    public const int MaxNameLength = Domain.Customers.Customer.MaxNameLength;

    public static void MapCatalog(this IEndpointRouteBuilder api)
    {
        var catalog = api.MapGroup("/catalog").RequireAuthorization(Policies.TenantUser).WithTags("Catalog");
        catalog.MapPost("/products", CreateProductAsync).RequireAuthorization(Policies.Finance).WithName("CreateProduct")
            .Produces<ProductResponse>(StatusCodes.Status201Created);
        catalog.MapGet("/products", async (Caller caller, CatalogStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListAsync(caller.Actor.Tenant, CatalogRows.Products,
                r => ProductResponse.From(CatalogRows.ReadProduct(r)), ct)))
            .WithName("ListProducts");
        catalog.MapPost("/plans", CreatePlanAsync).RequireAuthorization(Policies.Finance).WithName("CreatePlan")
            .Produces<PlanResponse>(StatusCodes.Status201Created);
        catalog.MapGet("/plans", async (Caller caller, CatalogStore store, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok(await store.ListAsync(caller.Actor.Tenant, CatalogRows.Plans,
                r => PlanResponse.From(CatalogRows.ReadPlan(r), time.GetUtcNow()), ct)))
            .WithName("ListPlans");
        catalog.MapGet("/plans/{planId}", async (string planId, Caller caller, CatalogStore store, TimeProvider time, CancellationToken ct) =>
            await store.GetPlanAsync(caller.Actor.Tenant, new PlanId(planId), ct) is var (plan, _)
                ? TypedResults.Ok(PlanResponse.From(plan, time.GetUtcNow())) : Problems.NotFound($"plan {planId}"))
            .WithName("GetPlan").Produces<PlanResponse>();
        catalog.MapPost("/plans/{planId}/prices", ChangePriceAsync).RequireAuthorization(Policies.Finance).WithName("ChangePlanPrice")
            .Produces<PlanResponse>();
        catalog.MapPost("/add-ons", CreateAddOnAsync).RequireAuthorization(Policies.Finance).WithName("CreateAddOn")
            .Produces<AddOnResponse>(StatusCodes.Status201Created);
        catalog.MapGet("/add-ons", async (Caller caller, CatalogStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListAsync(caller.Actor.Tenant, CatalogRows.AddOns, r => AddOnResponse.From(CatalogRows.ReadAddOn(r)), ct)))
            .WithName("ListAddOns");
    }

    private static async Task<IResult> CreateProductAsync(CreateProductRequest request, Caller caller, CatalogStore store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
            return Problems.Invalid($"A product needs a name of up to {MaxNameLength} characters.");
        var actor = caller.Actor;
        var product = new Product(new ProductId(Ids.New("prd")), request.Name.Trim());
        await AddAsync(store.AddAsync(actor.Tenant, product, Audit(time, actor.User.Value, "product.created", product.Name),
            cancellationToken), product.Id.Value);
        return TypedResults.Created($"/api/v1/catalog/products/{product.Id}", ProductResponse.From(product));
    }

    private static async Task<IResult> CreatePlanAsync(CreatePlanRequest request, Caller caller, CatalogStore store,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var currency = caller.Tenant.Currency;
        if (request.Currency is not null && !Currency.TryParse(request.Currency, out currency))
            return Problems.Invalid($"'{request.Currency}' is not an ISO 4217 currency.");
        if (request.UnitAmount is not { } amount) return Problems.Invalid("unitAmount (minor units) is required.");
        if (request.Name is { Length: > MaxNameLength }) return Problems.Invalid($"A plan's name is at most {MaxNameLength} characters.");
        IntervalUnit? unit = request.Interval switch { "month" => IntervalUnit.Month, "quarter" => IntervalUnit.Quarter,
            "year" => IntervalUnit.Year, _ => null };
        if (unit is null) return Problems.Invalid("interval is month, quarter or year.");
        var interval = BillingInterval.Of(unit.Value, request.IntervalCount ?? 1);
        if (!interval.IsSuccess) return Problems.From(interval.Error!);
        if (request.ProductId is null || await store.GetProductAsync(caller.Tenant.Id, new ProductId(request.ProductId), cancellationToken) is null)
            return Problems.Invalid($"There is no product '{request.ProductId}' in the catalog.");

        var plan = Plan.Create(new PlanId(Ids.New("pln")), new ProductId(request.ProductId), request.Name?.Trim() ?? "",
            new Money(amount, currency), interval.Value);
        if (!plan.IsSuccess) return Problems.From(plan.Error!);
        await AddAsync(store.AddAsync(caller.Tenant.Id, plan.Value,
            Audit(time, caller.Actor.User.Value, "plan.created",
                $"{plan.Value.Id} {plan.Value.Name}: {amount} {currency} per {interval.Value}"), cancellationToken),
            plan.Value.Id.Value);
        return TypedResults.Created($"/api/v1/catalog/plans/{plan.Value.Id}", PlanResponse.From(plan.Value, time.GetUtcNow()));
    }

    private static async Task<IResult> ChangePriceAsync(string planId, ChangePlanPriceRequest request, Caller caller, CatalogStore store,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var actor = caller.Actor;
        var now = time.GetUtcNow();
        if (request.UnitAmount is not { } amount) return Problems.Invalid("unitAmount (minor units) is required.");
        var effectiveFrom = request.EffectiveFrom ?? now;
        if (!BusinessDates.Contains(effectiveFrom)) return Problems.Invalid($"effectiveFrom is {BusinessDates.Range}.");
        if (effectiveFrom < now) return Problems.Invalid("A price change cannot take effect in the past; billed periods keep their price.");
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await store.GetPlanAsync(actor.Tenant, new PlanId(planId), cancellationToken) is not var (plan, etag))
                return Problems.NotFound($"plan {planId}");
            var changed = plan.ChangePrice(new Money(amount, plan.Currency), effectiveFrom);
            if (!changed.IsSuccess) return Problems.From(changed.Error!);
            var audit = Audit(time, actor.User.Value, "plan.price_changed", $"{plan.Id}: {amount} {plan.Currency} from {effectiveFrom:O}");
            if (await store.TryReplaceAsync(actor.Tenant, changed.Value, etag, audit, cancellationToken))
                return TypedResults.Ok(PlanResponse.From(changed.Value, now));
        }
        return Problems.Conflict($"Plan {planId} kept changing; try again.");
    }

    private static async Task<IResult> CreateAddOnAsync(CreateAddOnRequest request, Caller caller, CatalogStore store,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var currency = caller.Tenant.Currency;
        if (request.Currency is not null && !Currency.TryParse(request.Currency, out currency))
            return Problems.Invalid($"'{request.Currency}' is not an ISO 4217 currency.");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
            return Problems.Invalid($"An add-on needs a name of up to {MaxNameLength} characters.");
        if (request.UnitAmount is not ({ } amount and >= 0)) return Problems.Invalid("unitAmount (minor units, not negative) is required.");
        if (Plan.RefusePrice(new Money(amount, currency)) is { } refused) return Problems.From(refused);
        var addOn = new AddOn(new AddOnId(Ids.New("add")), request.Name.Trim(), new Money(amount, currency));
        await AddAsync(store.AddAsync(caller.Tenant.Id, addOn, Audit(time, caller.Actor.User.Value, "add_on.created",
            $"{addOn.Id} {addOn.Name}"), cancellationToken),
            addOn.Id.Value);
        return TypedResults.Created($"/api/v1/catalog/add-ons/{addOn.Id}", AddOnResponse.From(addOn));
    }

    private static AuditEntry Audit(TimeProvider time, string actor, string action, string detail) =>
        new(time.GetUtcNow(), actor, action, detail, null, null);

    private static async Task AddAsync(Task<bool> add, string id)
    {
        if (!await add) throw new InvalidOperationException($"Catalog id {id} was taken.");
    }
}
