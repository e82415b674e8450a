using System.Text.Json.Nodes;
using StripeEmulator.Events;
using StripeEmulator.State;

namespace StripeEmulator.Http;

/// <summary>One state change in progress: the account, the clock reading, and the events it will publish when it succeeds.</summary>
internal sealed class ApiCall(AccountState account, long now, EmulatorUrls urls, StripeRequest? request)
{
    private readonly List<StripeEvent> _events = [];

    public AccountState Account { get; } = account;
    public long Now { get; } = now;
    public EmulatorUrls Urls { get; } = urls;
    public StripeRequest? Request { get; } = request;
    public Params Params => Request?.Params ?? new Params(new JsonObject());
    public IReadOnlyList<StripeEvent> Events => _events;

    /// <summary>An error to answer with after the changes made so far are kept (a declined payment is recorded, then reported).</summary>
    public ApiException? Failure { get; set; }

    public void Emit(string type, IStripeObject changed, JsonObject? before = null)
    {
        var after = changed.ToJson();
        _events.Add(new StripeEvent(Ids.New("evt"), Now, type, after)
        {
            PreviousAttributes = before is null ? null : StripeEvent.Diff(before, after),
            Account = Account.AccountId,
            RequestId = Request?.RequestId,
            IdempotencyKey = Request?.IdempotencyKey,
        });
    }

    /// <summary>Emits <paramref name="type"/> only if the object actually changed since <paramref name="before"/>.</summary>
    public void EmitUpdated(string type, IStripeObject changed, JsonObject before)
    {
        if (StripeEvent.Diff(before, changed.ToJson()) is not null) Emit(type, changed, before);
    }
}
