namespace BillingFunctions.App.Tests.Api.Contract;

/// <summary>
/// Between a test's client and Prism: a response that is Prism's error, or that carries its <c>sl-violations</c>
/// header, is a request or response the document does not describe; the test fails right at that request.
/// </summary>
public sealed class ContractViolations(List<string> found) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var header = response.Headers.TryGetValues("sl-violations", out var values) ? string.Join(" ", values) : null;
        if (header is null && !body.Contains(PrismProxy.ErrorTypeBase, StringComparison.Ordinal)) return response;

        var violation = $"{request.Method} {request.RequestUri?.PathAndQuery} {requestBody}\n  -> {(int)response.StatusCode} {header} {body}";
        lock (found) found.Add(violation);
        throw new Xunit.Sdk.XunitException("The OpenAPI document does not describe this exchange:\n" + violation);
    }
}
