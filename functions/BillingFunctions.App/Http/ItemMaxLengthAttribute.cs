namespace BillingFunctions.App.Http;

/// <summary>
/// The longest string a list of strings may hold, for the document: DataAnnotations' MaxLength on a list limits the
/// number of items instead. Give it the constant the check uses.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class ItemMaxLengthAttribute(int length) : Attribute
{
    public int Length => length;
}
