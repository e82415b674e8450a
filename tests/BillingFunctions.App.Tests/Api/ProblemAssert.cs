using System.Net;
using System.Text.Json.Nodes;
using BillingFunctions.App.Http;

namespace BillingFunctions.App.Tests.Api;

internal static class ProblemAssert
{
    /// <summary>A 4xx as RFC 9457 has it: application/problem+json with type, title and status; the type ours.</summary>
    public static async Task IsAsync(HttpResponseMessage response, HttpStatusCode status, string type, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{what}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(Problems.TypeBase + type, problem["type"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()), what);
        Assert.Equal((int)status, problem["status"]?.GetValue<int>());
    }
}
