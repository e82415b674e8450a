using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace StripeEmulator.Tests.Support;

public sealed record StripeResponse(string Method, string Path, HttpStatusCode Status, JsonNode Body, HttpResponseHeaders Headers)
{
    public JsonObject Json => Body.AsObject();

    public string Id => Json["id"]!.ToString();

    public string? this[string property] => Json[property]?.ToString();

    public JsonObject Error => Json["error"]
        ?.AsObject() ?? throw new Xunit.Sdk.XunitException($"Expected an error from {Method} {Path}, got {(int)Status}: {Body.ToJsonString()}");

    public StripeResponse EnsureOk()
    {
        if (Status != HttpStatusCode.OK) throw new Xunit.Sdk.XunitException($"{Method} {Path} answered {(int)Status}: {Body.ToJsonString()}");
        return this;
    }

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
