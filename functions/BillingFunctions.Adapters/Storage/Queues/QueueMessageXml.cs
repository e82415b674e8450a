using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// The Queue service's XML, with message text base64-encoded: the Azure Functions queue trigger
/// decodes base64 by default, and base64 keeps any text (XML markup, control characters) intact.
/// </summary>
internal static class QueueMessageXml
{
    public static byte[] Body(string text) =>
        Encoding.UTF8.GetBytes(new XElement("QueueMessage", new XElement("MessageText", Encode(text))).ToString(SaveOptions.DisableFormatting));

    public static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>Decodes base64 text; text that is not base64 UTF-8 (sent raw by another client) is returned as is.</summary>
    public static string Decode(string wire)
    {
        var bytes = new byte[wire.Length];
        if (!Convert.TryFromBase64String(wire, bytes, out var length))
            return wire;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return wire;
        }
    }

    public static IEnumerable<XElement> Messages(BinaryData content) =>
        XDocument.Parse(content.ToString()).Root?.Elements("QueueMessage") ?? [];

    public static SendReceipt SendReceipt(XElement m) => new(
        Text(m, "MessageId"), Text(m, "PopReceipt"),
        Date(m, "InsertionTime")!.Value, Date(m, "ExpirationTime")!.Value, Date(m, "TimeNextVisible")!.Value);

    public static QueueMessage Received(XElement m) => new(
        Text(m, "MessageId"), Text(m, "PopReceipt"), Decode(Text(m, "MessageText")), DequeueCount(m),
        Date(m, "InsertionTime"), Date(m, "ExpirationTime"), Date(m, "TimeNextVisible"));

    public static PeekedMessage Peeked(XElement m) => new(
        Text(m, "MessageId"), Decode(Text(m, "MessageText")), DequeueCount(m),
        Date(m, "InsertionTime"), Date(m, "ExpirationTime"));

    public static DateTimeOffset? ParseDate(string? value) =>
        string.IsNullOrEmpty(value) ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Text(XElement m, string name) => m.Element(name)?.Value ?? "";

    private static DateTimeOffset? Date(XElement m, string name) => ParseDate(m.Element(name)?.Value);

    private static long DequeueCount(XElement m) =>
        long.TryParse(m.Element("DequeueCount")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
}
