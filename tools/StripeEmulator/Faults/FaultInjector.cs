namespace StripeEmulator.Faults;

/// <summary>Pending faults: the next N requests under a path answer with a status (0 = never answer).</summary>
internal sealed class FaultInjector
{
    private readonly object _sync = new();
    private readonly List<Rule> _rules = [];

    private sealed class Rule(int status, int remaining, string pathPrefix)
    {
        public int Status { get; } = status;
        public int Remaining { get; set; } = remaining;
        public string PathPrefix { get; } = pathPrefix;
    }

    public void Add(int status, int count, string? pathPrefix)
    {
        lock (_sync) _rules.Add(new Rule(status, count, string.IsNullOrEmpty(pathPrefix) ? "/v1/" : pathPrefix));
    }

    public void Clear()
    {
        lock (_sync) _rules.Clear();
    }

    /// <summary>Consumes one matching fault; rules apply in the order they were added.</summary>
    public int? TryTake(string path)
    {
        lock (_sync)
        {
            var rule = _rules.FirstOrDefault(r => path.StartsWith(r.PathPrefix, StringComparison.Ordinal));
            if (rule is null) return null;
            if (--rule.Remaining <= 0) _rules.Remove(rule);
            return rule.Status;
        }
    }
}
