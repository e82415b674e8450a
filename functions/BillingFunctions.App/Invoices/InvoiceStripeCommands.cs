using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Invoices;
using Stripe;
using Invoice = BillingFunctions.Domain.Invoices.Invoice;

namespace BillingFunctions.App.Invoices;

/// <summary>
/// The commands Stripe carries out: finalize, send, charge now, void, mark uncollectible. Each is checked against
/// our state machine first (so nothing is sent to Stripe that would be refused), then done in Stripe with an
/// idempotency key derived from the invoice and the step, then Stripe's answer is applied like an event would be.
/// </summary>
public sealed class InvoiceStripeCommands(InvoiceStore store, CustomerStore customers, CustomerCommands customerCommands,
    TenantStripe stripe, TimeProvider time, ILogger<InvoiceStripeCommands> logger)
{
    public static void Map(RouteGroupBuilder invoices)
    {
        invoices.MapPost("/{invoiceId}/finalize",
            (string invoiceId, Caller caller, InvoiceStripeCommands c, CancellationToken ct) => c.FinalizeAsync(caller, invoiceId, ct))
            .WithName("FinalizeInvoice").Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status502BadGateway);
        invoices.MapPost("/{invoiceId}/send", (string invoiceId, Caller caller, InvoiceStripeCommands c, CancellationToken ct) =>
            c.RunAsync(caller, invoiceId, "sent",
                i => i.Status == InvoiceStatus.Open && i.ToSnapshot().Collection == CollectionMethod.SendInvoice ? null
                    : DomainError.IllegalTransition("Only an open invoice collected by sending it can be sent."),
                (s, id, key, ct2) => s.V1.Invoices.SendInvoiceAsync(id, null, s.Write(key), ct2), ct))
            .WithName("SendInvoice").Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status502BadGateway);
        invoices.MapPost("/{invoiceId}/pay", (string invoiceId, Caller caller, InvoiceStripeCommands c, CancellationToken ct) =>
            c.RunAsync(caller, invoiceId, "charged", i => i.Status is InvoiceStatus.Open or InvoiceStatus.Uncollectible ? null
                : DomainError.IllegalTransition($"A {i.Status.ToString().ToLowerInvariant()} invoice cannot be charged."),
                (s, id, key, ct2) => s.V1.Invoices.PayAsync(id, new InvoicePayOptions { OffSession = true }, s.Write(key), ct2), ct))
            .WithName("PayInvoice").Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status502BadGateway);
        invoices.MapPost("/{invoiceId}/void", (string invoiceId, Caller caller, InvoiceStripeCommands c, CancellationToken ct) =>
            c.RunAsync(caller, invoiceId, "voided", i => Check(i, x => x.Void(DateTimeOffset.UnixEpoch)),
                (s, id, key, ct2) => s.V1.Invoices.VoidInvoiceAsync(id, null, s.Write(key), ct2), ct))
            .WithName("VoidInvoice").Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status502BadGateway);
        invoices.MapPost("/{invoiceId}/mark-uncollectible", (string invoiceId, Caller caller, InvoiceStripeCommands c, CancellationToken ct) =>
            c.RunAsync(caller, invoiceId, "marked_uncollectible", i => Check(i, x => x.MarkUncollectible(DateTimeOffset.UnixEpoch)),
                (s, id, key, ct2) => s.V1.Invoices.MarkUncollectibleAsync(id, null, s.Write(key), ct2), ct))
            .WithName("MarkInvoiceUncollectible").Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status502BadGateway);
    }

    /// <summary>Runs the domain command on a copy, only to learn whether it would be refused.</summary>
    private static DomainError? Check(Invoice invoice, Func<Invoice, Result<InvoiceChange>> command) =>
        command(Invoice.Restore(invoice.ToSnapshot())).Error;

    public async Task<IResult> FinalizeAsync(Caller caller, string invoiceId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(caller.Tenant, new InvoiceId(invoiceId), cancellationToken) is not var (draft, _)
            || !caller.Actor.CanSee(draft.Owner, draft.OwnerTeam))
            return Problems.NotFound($"invoice {invoiceId}");
        var now = time.GetUtcNow();
        var today = caller.Tenant.Calendar.Today(now);
        if (Check(Invoice.Restore(draft), i => i.Finalize(now, today)) is { } refused) return Problems.From(refused);
        if (await customers.GetAsync(caller.Tenant.Id, draft.Customer, cancellationToken) is not var (customer, _))
            return Problems.NotFound($"customer {draft.Customer}");

        Stripe.Invoice finalized;
        try
        {
            customer = await customerCommands.EnsureInStripeAsync(caller, customer, cancellationToken);
            finalized = await new StripeInvoiceDraft(stripe.For(caller.Tenant), caller.Tenant)
                .CreateAndFinalizeAsync(draft, customer.StripeCustomerId!, null, cancellationToken);
        }
        catch (StripeException e) { return StripeProblem(e); }
        if (finalized.Total != Invoice.Restore(draft).Total.Minor)
            logger.LogWarning("Stripe invoice {StripeInvoiceId} totals {StripeTotal}, ours {InvoiceId} totals {Total}", finalized.Id, finalized.Total,
                draft.Id, Invoice.Restore(draft).Total.Minor);

        var outcome = await store.ChangeAsync(caller.Tenant, draft.Id, invoice =>
        {
            var changes = new List<InvoiceChange>();
            invoice.LinkToStripe(finalized.Id, finalized.Number, finalized.HostedInvoiceUrl);
            if (invoice.Status == InvoiceStatus.Draft)
            {
                var done = invoice.Finalize(now, today);
                if (!done.IsSuccess) return done.Error!;
                changes.Add(done.Value);
            }
            if (invoice.Apply(Observe(finalized, now)) is { } applied) changes.Add(applied);
            return changes;
        }, caller.Actor.User.Value, null, cancellationToken);
        return InvoiceCommandRunner.ToResult(outcome, invoiceId);
    }

    public async Task<IResult> RunAsync(Caller caller, string invoiceId, string action, Func<Invoice, DomainError?> check,
        Func<StripeAccount, string, string, CancellationToken, Task<Stripe.Invoice>> call, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(caller.Tenant, new InvoiceId(invoiceId), cancellationToken) is not var (current, etag)
            || !caller.Actor.CanSee(current.Owner, current.OwnerTeam))
            return Problems.NotFound($"invoice {invoiceId}");
        if (check(Invoice.Restore(current)) is { } refused) return Problems.From(refused);
        if (current.StripeInvoiceId is not { } stripeId) return Problems.IllegalTransition("The invoice is not in Stripe yet; finalize it first.");

        Stripe.Invoice answer;
        try
        {
            // Keyed by the invoice's version: a double click repeats the same call, a retry after a change is a new one.
            answer = await call(stripe.For(caller.Tenant), stripeId, $"{caller.Tenant.Id}:{current.Id}:{action}:{etag}", cancellationToken);
        }
        catch (StripeException e) { return StripeProblem(e); }

        var outcome = await store.ChangeAsync(caller.Tenant, current.Id, invoice =>
        {
            var changes = new List<InvoiceChange> { new(action, $"in Stripe {stripeId}") };
            if (invoice.Apply(Observe(answer, time.GetUtcNow())) is { } applied) changes.Add(applied);
            return changes;
        }, caller.Actor.User.Value, null, cancellationToken);
        return InvoiceCommandRunner.ToResult(outcome, invoiceId);
    }

    internal static StripeInvoiceObservation Observe(Stripe.Invoice seen, DateTimeOffset now) =>
        new(seen.Id, Enum.Parse<InvoiceStatus>(seen.Status ?? "open", ignoreCase: true), seen.AmountPaid, seen.Number, seen.HostedInvoiceUrl, now);

    private static IResult StripeProblem(StripeException e) => Problems.FromStripe(e);
}
