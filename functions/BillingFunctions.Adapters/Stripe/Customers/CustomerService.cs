namespace BillingFunctions.Adapters.Stripe;

/// <summary>Customers: <c>/v1/customers</c>.</summary>
public class CustomerService
{
    private readonly StripeRequestSender sender = null!;

    /// <summary>For test doubles only.</summary>
    protected CustomerService()
    {
    }

    internal CustomerService(StripeRequestSender sender) => this.sender = sender;

    /// <summary>Creates a customer.</summary>
    /// <param name="request">The customer's details.</param>
    /// <param name="idempotencyKey">Derived from the business step, so a retry of that step creates no second customer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeCustomer> CreateAsync(CustomerCreateRequest request, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeCustomer>("/v1/customers", request.ToForm(), idempotencyKey, cancellationToken);

    /// <summary>Changes the fields set in <paramref name="request"/>.</summary>
    /// <param name="customerId"><c>cus_...</c></param>
    /// <param name="request">The fields to change.</param>
    /// <param name="idempotencyKey">Derived from the business step.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeCustomer> UpdateAsync(string customerId, CustomerUpdateRequest request, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeCustomer>($"/v1/customers/{StripeRequestSender.Segment(customerId)}", request.ToForm(),
            idempotencyKey, cancellationToken);

    /// <summary>Reads a customer.</summary>
    /// <param name="customerId"><c>cus_...</c></param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidRequestException">No such customer (404).</exception>
    public virtual Task<StripeCustomer> RetrieveAsync(string customerId, CancellationToken cancellationToken = default) =>
        sender.GetAsync<StripeCustomer>($"/v1/customers/{StripeRequestSender.Segment(customerId)}", null, cancellationToken);

    /// <summary>Lists customers, newest first, one page at a time.</summary>
    /// <param name="request">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeList<StripeCustomer>> ListAsync(CustomerListRequest request,
        CancellationToken cancellationToken = default) =>
        sender.GetAsync<StripeList<StripeCustomer>>("/v1/customers", request.ToQuery(), cancellationToken);
}
