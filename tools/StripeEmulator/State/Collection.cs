namespace StripeEmulator.State;

/// <summary>Objects of one type in creation order; lists read newest first, as Stripe's do.</summary>
internal sealed class Collection<T>(string resourceName) where T : class, IStripeObject
{
    private readonly Dictionary<string, T> _byId = new(StringComparer.Ordinal);
    private readonly List<T> _ordered = [];

    public string ResourceName { get; } = resourceName;

    public int Count => _ordered.Count;

    public T Add(T item)
    {
        _byId.Add(item.Id, item);
        _ordered.Add(item);
        return item;
    }

    public T? Find(string? id) => id is not null && _byId.TryGetValue(id, out var item) ? item : null;

    public T Get(string id, string param = "id") =>
        Find(id) ?? throw Http.ApiException.NoSuch(ResourceName, id, param);

    public IEnumerable<T> NewestFirst()
    {
        for (var i = _ordered.Count - 1; i >= 0; i--) yield return _ordered[i];
    }
}
