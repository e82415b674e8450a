using BillingFunctions.App.Http;
using BillingFunctions.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingFunctions.App.Tests.Api;

public class ProblemsTests
{
    [Theory]
    [InlineData("invalid", 400, "invalid-request")]
    [InlineData("not-found", 404, "not-found")]
    [InlineData("illegal-transition", 409, "illegal-transition")]
    [InlineData("forbidden", 403, "forbidden")]
    public void Domain_errors_map_to_their_status_and_stable_problem_type(string code, int status, string type)
    {
        var problem = Assert.IsType<ProblemHttpResult>(Problems.From(new DomainError(code, "why")));
        Assert.Equal(status, problem.StatusCode);
        Assert.EndsWith("/" + type, problem.ProblemDetails.Type);
        Assert.Equal("why", problem.ProblemDetails.Detail);
    }
}
