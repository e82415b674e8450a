using BillingFunctions.Domain.Common;

namespace BillingFunctions.Domain.Invoices;

/// <summary>
/// A tag for filtering invoices. Kept to lower-case letters, digits, '-' and '_' so it can sit inside
/// a Table Storage row key (which forbids '/', '\', '#', '?' and control characters).
/// </summary>
public readonly record struct Label
{
    public const int MaxLength = 40;

    private Label(string value) => Value = value;

    public string Value { get; }

    public static Result<Label> Create(string? raw)
    {
        var value = raw?.Trim().ToLowerInvariant() ?? "";
        if (value.Length == 0) return DomainError.Invalid("A label cannot be empty.");
        if (value.Length > MaxLength) return DomainError.Invalid($"A label is at most {MaxLength} characters.");
        if (!value.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
            return DomainError.Invalid($"Label '{value}' may hold only letters, digits, '-' and '_'.");
        return new Label(value);
    }

    public override string ToString() => Value;
}
