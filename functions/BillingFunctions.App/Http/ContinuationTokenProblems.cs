using BillingFunctions.Adapters.AzureStorage;
using Microsoft.AspNetCore.Diagnostics;

namespace BillingFunctions.App.Http;

/// <summary>
/// Every list passes the client's <c>continuationToken</c> down to the table query, which is where a token is
/// decoded; one it cannot read is the client's mistake, so any list answers 400 for it here rather than each one.
/// </summary>
internal sealed class ContinuationTokenProblems : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not InvalidContinuationTokenException) return false;
        await Problems.Invalid("continuationToken is not one this API issued; pass back the token of the previous page unchanged, or none for the " +
            "first page.")
            .ExecuteAsync(httpContext);
        return true;
    }
}
