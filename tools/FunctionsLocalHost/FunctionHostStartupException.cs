namespace FunctionsLocalHost;

/// <summary>The host refused to start: each problem names the function and the trigger, binding or setting at fault.</summary>
public sealed class FunctionHostStartupException(IReadOnlyList<string> problems)
    : Exception("The local function host cannot run this app:" + Environment.NewLine
        + string.Join(Environment.NewLine, problems.Select(p => "- " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
