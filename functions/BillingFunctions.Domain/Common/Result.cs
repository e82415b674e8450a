namespace BillingFunctions.Domain.Common;

/// <summary>An expected failure: a stable code the API maps to a problem type, and a sentence for people.</summary>
public sealed record DomainError(string Code, string Message)
{
    public static DomainError Invalid(string message) => new("invalid", message);
    public static DomainError IllegalTransition(string message) => new("illegal-transition", message);
}

/// <summary>Either a value or a <see cref="DomainError"/>; expected failures are values, not exceptions.</summary>
public readonly record struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, DomainError? error) => (_value, Error) = (value, error);

    public DomainError? Error { get; }
    public bool IsSuccess => Error is null;
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error!.Message}");

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(DomainError error) => new(default, error);
}
