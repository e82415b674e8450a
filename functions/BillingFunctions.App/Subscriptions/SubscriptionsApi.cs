using System.ComponentModel.DataAnnotations;
using BillingFunctions.App.Http;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Subscriptions;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// <c>/api/v1/subscriptions</c>. Who may do what follows the customer, as for invoices: a rep manages the subscriptions
/// of their own customers, a manager those of the team's, finance and admins all; a subscription of a customer the
/// caller cannot see is "not found".
/// </summary>
public static class SubscriptionsApi
{
    public static void MapSubscriptions(this IEndpointRouteBuilder api)
    {
        var subscriptions = api.MapGroup("/subscriptions").RequireAuthorization(Policies.TenantUser).WithTags("Subscriptions");
        subscriptions.MapPost("", SubscriptionCreation.CreateAsync).WithName("CreateSubscription")
            .Produces<SubscriptionResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        subscriptions.MapGet("", ListAsync).WithName("ListSubscriptions").Produces<List<SubscriptionResponse>>();
        subscriptions.MapGet("/{subscriptionId}", async (string subscriptionId, Caller caller, SubscriptionAccess access, CancellationToken ct) =>
                await access.FindAsync(caller, subscriptionId, ct) is { } found
                    ? TypedResults.Ok(SubscriptionResponse.From(found.Stored.Subscription))
                    : Problems.NotFound($"subscription {subscriptionId}"))
            .WithName("GetSubscription").Produces<SubscriptionResponse>();
        subscriptions.MapGet("/{subscriptionId}/timeline",
            async (string subscriptionId, Caller caller, SubscriptionAccess access, CancellationToken ct) =>
                await access.FindAsync(caller, subscriptionId, ct) is { } found
                    ? TypedResults.Ok(found.Stored.Subscription.Timeline.Select(c => new SubscriptionTimelineEntry(c.At, c.Kind, c.Detail)).ToList())
                    : Problems.NotFound($"subscription {subscriptionId}"))
            .WithName("GetSubscriptionTimeline").Produces<List<SubscriptionTimelineEntry>>();
        subscriptions.MapPost("/{subscriptionId}/change", ChangeAsync).WithName("ChangeSubscription")
            .Produces<SubscriptionResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        subscriptions.MapPost("/{subscriptionId}/cancel", (string subscriptionId, CancelSubscriptionRequest? request, Caller caller,
                SubscriptionAccess access, TimeProvider time, CancellationToken ct) => (request?.When ?? "period_end") switch
            {
                "period_end" => access.RunAsync(caller, subscriptionId, "subscription.cancel_scheduled",
                    s => Done(s.CancelAtPeriodEnd(time.GetUtcNow()), "at period end"), ct),
                "now" => access.RunAsync(caller, subscriptionId, "subscription.canceled", s => Done(s.CancelNow(time.GetUtcNow()), "now"), ct),
                _ => Task.FromResult(Problems.Invalid("when is period_end or now.")),
            })
            .WithName("CancelSubscription").Produces<SubscriptionResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        subscriptions.MapPost("/{subscriptionId}/pause",
            (string subscriptionId, Caller caller, SubscriptionAccess access, TimeProvider time, CancellationToken ct) =>
                access.RunAsync(caller, subscriptionId, "subscription.paused", s => Done(s.Pause(time.GetUtcNow()), "paused"), ct))
            .WithName("PauseSubscription").Produces<SubscriptionResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        subscriptions.MapPost("/{subscriptionId}/resume",
            (string subscriptionId, Caller caller, SubscriptionAccess access, TimeProvider time, CancellationToken ct) =>
                access.RunAsync(caller, subscriptionId, "subscription.resumed", s => Done(s.Resume(time.GetUtcNow()), "resumed"), ct))
            .WithName("ResumeSubscription").Produces<SubscriptionResponse>().ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(Caller caller, CustomerStore customers, SubscriptionStore store, CancellationToken cancellationToken,
        [Required, MaxLength(Ids.MaxLength)] string? customerId = null)
    {
        if (customerId is null || !Ids.IsValid(customerId)) return Problems.Invalid("customerId is required.");
        var actor = caller.Actor;
        if (await customers.GetAsync(actor.Tenant, new CustomerId(customerId), cancellationToken) is not var (customer, _)
            || !actor.CanSee(customer.Owner, customer.OwnerTeam))
            return Problems.NotFound($"customer {customerId}");
        var list = await store.ListForCustomerAsync(actor.Tenant, customer.Id, cancellationToken);
        return TypedResults.Ok(list.Select(SubscriptionResponse.From).ToList());
    }

    private static async Task<IResult> ChangeAsync(string subscriptionId, ChangeSubscriptionRequest request, Caller caller, SubscriptionAccess access,
        CatalogStore catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.When is not (null or "now" or "period_end")) return Problems.Invalid("when is now or period_end.");
        if (await access.FindAsync(caller, subscriptionId, cancellationToken) is not { } found)
            return Problems.NotFound($"subscription {subscriptionId}");
        var current = found.Stored.Subscription;
        var now = time.GetUtcNow();
        var planId = request.PlanId is null ? current.Plan.Id : new PlanId(request.PlanId);
        if (await catalog.GetPlanAsync(found.Tenant, planId, cancellationToken) is not var (plan, _))
            return Problems.Invalid($"There is no plan '{request.PlanId}' in the catalog.");
        var atPeriodEnd = request.When == "period_end";
        if (!atPeriodEnd && current.Status != SubscriptionStatus.Canceled && !current.CurrentPeriod.Contains(now))
            return Problems.Conflict("The current period has ended and its renewal has not run yet; change it at period_end, or retry in a few " +
                "minutes.");
        return await access.RunAsync(caller, subscriptionId, atPeriodEnd ? "subscription.change_scheduled" : "subscription.changed", s =>
        {
            s.RefreshPlan(plan);
            var quantity = request.Quantity ?? s.Quantity;
            if (atPeriodEnd) return Done(s.ChangeAtPeriodEnd(plan, quantity, now), $"{quantity} × {plan.Name} at period end");
            var prorated = s.ChangeNow(plan, quantity, now);
            return prorated.IsSuccess
                ? $"{quantity} × {plan.Name} now; prorations {prorated.Value.Lines.Sum(l => l.Amount.Minor)} {plan.Currency}"
                : prorated.Error!;
        }, cancellationToken);
    }

    private static Result<string> Done<T>(Result<T> result, string detail) => result.IsSuccess ? detail : result.Error!;
}
