using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsLocalHost.Http;

/// <summary>Writes what an HTTP function returned to the response, the way the worker's ASP.NET Core integration does.</summary>
internal static class HttpResultWriter
{
    public static async Task WriteAsync(object? result, HttpContext http)
    {
        switch (result)
        {
            case null:
                // Nothing returned (or middleware answered itself): the response is whatever was written to HttpContext.
                return;
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
                return;
            case IResult minimal:
                await minimal.ExecuteAsync(http);
                return;
            case HttpResponseData data:
                await CopyAsync(data, http.Response);
                return;
            case string text:
                http.Response.ContentType ??= "text/plain; charset=utf-8";
                await http.Response.WriteAsync(text, http.RequestAborted);
                return;
            default:
                await Results.Json(result).ExecuteAsync(http);
                return;
        }
    }

    private static async Task CopyAsync(HttpResponseData data, HttpResponse response)
    {
        response.StatusCode = (int)data.StatusCode;
        foreach (var header in data.Headers)
            response.Headers[header.Key] = header.Value.ToArray();
        if (data.Cookies is LocalHttpCookies cookies)
            foreach (var cookie in cookies.All)
                response.Cookies.Append(cookie.Name, cookie.Value, new CookieOptions
                {
                    Domain = cookie.Domain, Path = cookie.Path, Expires = cookie.Expires, HttpOnly = cookie.HttpOnly ?? false,
                    Secure = cookie.Secure ?? false, MaxAge = cookie.MaxAge is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                });
        if (data.Body.CanSeek)
            data.Body.Position = 0;
        await data.Body.CopyToAsync(response.Body);
    }
}
