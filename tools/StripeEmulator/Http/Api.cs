using System.Text.Json.Nodes;
using StripeEmulator.State;
using StripeEmulator.Webhooks;

namespace StripeEmulator.Http;

/// <summary>Runs an endpoint's handler under its account's lock, then publishes the events it raised.</summary>
internal static class Api
{
    public static IResult Run(HttpContext context, IReadOnlyCollection<string> allowedParams, Func<ApiCall, JsonNode> handler)
    {
        var request = StripeRequest.Current(context);
        request.Params.RejectUnknown([.. allowedParams, "expand"]);
        var services = context.RequestServices;
        var account = services.GetRequiredService<EmulatorState>().Account(request.AccountId);
        var result = Execute(services, account, request, handler);
        return Results.Content(result.ToJsonString(StripeEmulator.State.Json.Output), "application/json");
    }

    /// <summary>
    /// Applies one change atomically. A handler that must both keep its changes and answer with an
    /// error (a declined card) sets <see cref="ApiCall.Failure"/>: the state and events stay, the error is returned.
    /// </summary>
    public static JsonNode Execute(IServiceProvider services, AccountState account, StripeRequest? request, Func<ApiCall, JsonNode> handler)
    {
        var now = services.GetRequiredService<EmulatorOptions>().Time.GetUtcNow().ToUnixTimeSeconds();
        var urls = services.GetRequiredService<EmulatorUrls>();
        ApiCall call;
        JsonNode result;
        lock (account.Sync)
        {
            call = new ApiCall(account, now, urls, request);
            try
            {
                result = handler(call);
            }
            finally
            {
                // Handlers validate before they change anything, so whatever was emitted did happen.
                foreach (var e in call.Events) account.Events.Add(e);
                services.GetRequiredService<WebhookDispatcher>().Publish(call.Events);
            }
            if (call.Failure is null && request is not null) Expander.Apply(result, request.Params.Strings("expand"), account);
        }
        if (call.Failure is not null) throw call.Failure;
        return result;
    }
}
