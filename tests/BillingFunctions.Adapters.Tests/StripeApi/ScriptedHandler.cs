using System.Net;
using System.Text;

namespace BillingFunctions.Adapters.Tests.StripeApi;

/// <summary>Answers each request with the next scripted answer and remembers what was sent.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();
    private readonly Lock _gate = new();

    public List<SentRequest> Sent { get; } = [];

    public ScriptedHandler Answer(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        _answers.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }
            return response;
        });
        return this;
    }

    public ScriptedHandler Fail() 
    {
        _answers.Enqueue(() => throw new HttpRequestException("connection reset"));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Func<HttpResponseMessage>? answer;
        lock (_gate)
        {
            Sent.Add(new SentRequest(request.Method, request.RequestUri!, request.Headers.ToDictionary(h => h.Key,
                h => string.Join(",", h.Value)), body));
            _answers.TryDequeue(out answer);
        }
        return answer is not null ? answer() : throw new InvalidOperationException("No scripted answer left");
    }
}

internal sealed record SentRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);
