using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsLocalHost.Http;

/// <summary>The worker's request abstraction over the real ASP.NET Core request, for functions that take HttpRequestData.</summary>
internal sealed class LocalHttpRequestData(FunctionContext context, HttpContext http) : HttpRequestData(context)
{
    public override Stream Body => http.Request.Body;

    public override HttpHeadersCollection Headers { get; } =
        new(http.Request.Headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value.Select(v => v ?? ""))));

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } =
        [.. http.Request.Cookies.Select(c => (IHttpCookie)new HttpCookie(c.Key, c.Value))];

    public override Uri Url { get; } = new(http.Request.GetDisplayUrl());

    public override IEnumerable<ClaimsIdentity> Identities => http.User.Identities;

    public override string Method => http.Request.Method;

    public override HttpResponseData CreateResponse() => new LocalHttpResponseData(FunctionContext);
}

internal sealed class LocalHttpResponseData(FunctionContext context) : HttpResponseData(context)
{
    public override System.Net.HttpStatusCode StatusCode { get; set; } = System.Net.HttpStatusCode.OK;
    public override HttpHeadersCollection Headers { get; set; } = [];
    public override Stream Body { get; set; } = new MemoryStream();
    public override HttpCookies Cookies { get; } = new LocalHttpCookies();
}

internal sealed class LocalHttpCookies : HttpCookies
{
    public List<IHttpCookie> All { get; } = [];

    public override void Append(string name, string value) => All.Add(new HttpCookie(name, value));

    public override void Append(IHttpCookie cookie) => All.Add(cookie);

    public override IHttpCookie CreateNew() => new HttpCookie("", "");
}
