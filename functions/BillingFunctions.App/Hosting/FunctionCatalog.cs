using System.Text.RegularExpressions;

namespace BillingFunctions.App.Hosting;

/// <summary>The app's function declarations, checked once: valid unique names, unique HTTP routes.</summary>
public sealed partial class FunctionCatalog
{
    private readonly Dictionary<string, FunctionDeclaration> _byName;

    public FunctionCatalog(IEnumerable<FunctionDeclaration> functions)
    {
        All = functions.ToArray();
        _byName = new Dictionary<string, FunctionDeclaration>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in All)
        {
            if (!ValidName().IsMatch(function.Name))
                throw new ArgumentException($"'{function.Name}' is not a valid function name.", nameof(functions));
            if (!_byName.TryAdd(function.Name, function))
                throw new ArgumentException($"Two functions are named '{function.Name}'.", nameof(functions));
        }

        var duplicateRoute = All.OfType<HttpFunction>()
            .SelectMany(f => f.Methods.Select(m => (Method: m.ToUpperInvariant(), f.Route)))
            .GroupBy(x => x).FirstOrDefault(g => g.Count() > 1);
        if (duplicateRoute is not null)
            throw new ArgumentException($"Two functions answer {duplicateRoute.Key.Method} {duplicateRoute.Key.Route}.", nameof(functions));
    }

    public IReadOnlyList<FunctionDeclaration> All { get; }

    public IEnumerable<HttpFunction> Http => All.OfType<HttpFunction>();

    public IEnumerable<TimerFunction> Timers => All.OfType<TimerFunction>();

    public IEnumerable<QueueFunction> Queues => All.OfType<QueueFunction>();

    public FunctionDeclaration? Find(string name) => _byName.GetValueOrDefault(name);

    // The Functions host's rule for function (folder) names.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex ValidName();
}
