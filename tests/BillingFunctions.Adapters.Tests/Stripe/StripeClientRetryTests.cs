using System.Net;
using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.Adapters.Tests.Stripe;

/// <summary>Retry and header rules, with Stripe's answers scripted (header cases the emulator cannot produce).</summary>
public class StripeClientRetryTests
{
    private const string Customer = """{"id":"cus_1","object":"customer","created":1760000000,"livemode":false}""";
    private const string ServerError = """{"error":{"type":"api_error","message":"boom"}}""";

    private readonly ScriptedHandler handler = new();

    private StripeClient Client(int maxRetries = 2, string? account = null) => new(new HttpClient(handler), new StripeClientOptions
    {
        ApiKey = "sk_test_123",
        BaseUrl = new Uri("http://stripe.invalid"),
        StripeAccount = account,
        MaxRetries = maxRetries,
        InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        RateLimitPerSecond = null,
    });

    private Task<StripeCustomer> CreateCustomer(StripeClient client) =>
        client.Customers.CreateAsync(new CustomerCreateRequest { Email = "a@example.com" }, "crm:cust:42");

    [Fact]
    public async Task Every_request_pins_the_api_version_and_posts_carry_the_callers_idempotency_key()
    {
        handler.Answer(HttpStatusCode.OK, Customer).Answer(HttpStatusCode.OK, Customer);
        var client = Client(account: "acct_tenant1");

        await CreateCustomer(client);
        await client.Customers.RetrieveAsync("cus_1");

        var (post, get) = (handler.Sent[0], handler.Sent[1]);
        Assert.Equal("2023-08-16", post.Headers["Stripe-Version"]);
        Assert.Equal("2023-08-16", get.Headers["Stripe-Version"]);
        Assert.Equal("crm:cust:42", post.Headers["Idempotency-Key"]);
        Assert.False(get.Headers.ContainsKey("Idempotency-Key"));
        Assert.Equal("acct_tenant1", post.Headers["Stripe-Account"]);
        Assert.Equal("Bearer sk_test_123", post.Headers["Authorization"]);
        Assert.Equal("email=a%40example.com", post.Body);
        Assert.Equal("/v1/customers/cus_1", get.Uri.AbsolutePath);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("")]
    public async Task A_post_without_an_idempotency_key_is_refused_before_sending(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().Customers.CreateAsync(new CustomerCreateRequest(), key));
        Assert.Empty(handler.Sent);
    }

    [Fact]
    public async Task An_idempotency_key_longer_than_stripe_accepts_is_refused_before_sending()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Client().Invoices.PayAsync("in_1", new InvoicePayRequest(), new string('k', 256)));
        Assert.Empty(handler.Sent);
    }

    [Fact]
    public async Task Server_errors_rate_limits_conflicts_and_network_failures_are_retried_with_the_same_key()
    {
        handler.Answer(HttpStatusCode.InternalServerError, ServerError).Fail()
            .Answer(HttpStatusCode.TooManyRequests, """{"error":{"type":"invalid_request_error","code":"rate_limit"}}""")
            .Answer(HttpStatusCode.Conflict, """{"error":{"type":"invalid_request_error","code":"lock_timeout"}}""")
            .Answer(HttpStatusCode.OK, Customer);

        var customer = await CreateCustomer(Client(maxRetries: 4));

        Assert.Equal("cus_1", customer.Id);
        Assert.Equal(5, handler.Sent.Count);
        Assert.All(handler.Sent, s => Assert.Equal("crm:cust:42", s.Headers["Idempotency-Key"]));
        Assert.All(handler.Sent, s => Assert.Equal("email=a%40example.com", s.Body));
    }

    [Fact]
    public async Task Stripe_should_retry_false_stops_retries_of_a_server_error()
    {
        handler.Answer(HttpStatusCode.InternalServerError, ServerError, ("Stripe-Should-Retry", "false"), ("Request-Id", "req_1"));

        var error = await Assert.ThrowsAsync<ApiException>(() => CreateCustomer(Client()));

        Assert.Single(handler.Sent);
        Assert.Equal(HttpStatusCode.InternalServerError, error.HttpStatus);
        Assert.Equal("req_1", error.RequestId);
    }

    [Fact]
    public async Task Stripe_should_retry_true_forces_a_retry_of_a_client_error()
    {
        handler.Answer(HttpStatusCode.BadRequest, """{"error":{"type":"invalid_request_error"}}""", ("Stripe-Should-Retry", "true"))
            .Answer(HttpStatusCode.OK, Customer);

        await CreateCustomer(Client());

        Assert.Equal(2, handler.Sent.Count);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        handler.Answer(HttpStatusCode.NotFound,
            """{"error":{"type":"invalid_request_error","code":"resource_missing","param":"id","message":"No such customer: 'cus_x'"}}""");

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Client().Customers.RetrieveAsync("cus_x"));

        Assert.Single(handler.Sent);
        Assert.Equal("resource_missing", error.Code);
        Assert.Equal("id", error.Param);
        Assert.Equal("No such customer: 'cus_x'", error.Message);
    }

    [Fact]
    public async Task When_retries_run_out_the_last_error_is_thrown()
    {
        handler.Answer(HttpStatusCode.TooManyRequests, """{"error":{"type":"invalid_request_error","code":"rate_limit"}}""")
            .Answer(HttpStatusCode.TooManyRequests, """{"error":{"type":"invalid_request_error","code":"rate_limit"}}""");

        var error = await Assert.ThrowsAsync<RateLimitException>(() => CreateCustomer(Client(maxRetries: 1)));

        Assert.Equal(2, handler.Sent.Count);
        Assert.Equal("rate_limit", error.Code);
    }

    [Fact]
    public async Task Network_failures_on_every_attempt_end_in_a_connection_exception()
    {
        handler.Fail().Fail().Fail();

        await Assert.ThrowsAsync<StripeConnectionException>(() => CreateCustomer(Client()));

        Assert.Equal(3, handler.Sent.Count);
    }

    [Theory]
    [InlineData(402, """{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds"}}""", typeof(CardException))]
    [InlineData(400, """{"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters"}}""", typeof(IdempotencyException))]
    [InlineData(401, """{"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}}""", typeof(AuthenticationException))]
    [InlineData(400, """{"error":{"type":"invalid_request_error","param":"amount"}}""", typeof(InvalidRequestException))]
    [InlineData(403, """{"error":{"type":"invalid_request_error"}}""", typeof(InvalidRequestException))]
    [InlineData(403, "not json", typeof(StripeException))]
    [InlineData(502, "<html>bad gateway</html>", typeof(ApiException))]
    public async Task Error_answers_map_to_typed_exceptions(int status, string body, Type expected)
    {
        handler.Answer((HttpStatusCode)status, body);

        var error = await Assert.ThrowsAnyAsync<StripeException>(() => CreateCustomer(Client(maxRetries: 0)));

        Assert.IsType(expected, error);
        Assert.Equal((HttpStatusCode)status, error.HttpStatus);
    }

    [Fact]
    public async Task A_card_error_carries_the_decline_code()
    {
        handler.Answer(HttpStatusCode.PaymentRequired,
            """{"error":{"type":"card_error","code":"card_declined","decline_code":"lost_card","charge":"ch_9","message":"Your card was declined."}}""");

        var error = await Assert.ThrowsAsync<CardException>(() =>
            Client().Invoices.PayAsync("in_1", new InvoicePayRequest(), "pay:in_1:1"));

        Assert.Single(handler.Sent);
        Assert.Equal("card_declined", error.Code);
        Assert.Equal("lost_card", error.DeclineCode);
        Assert.Equal("ch_9", error.Charge);
    }
}
