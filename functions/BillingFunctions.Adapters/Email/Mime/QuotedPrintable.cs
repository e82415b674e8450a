using System.Text;

namespace BillingFunctions.Adapters.Email.Mime;

/// <summary>RFC 2045 quoted-printable for text bodies: readable ASCII stays readable, lines stay under 76 characters.</summary>
internal static class QuotedPrintable
{
    private const int MaxLine = 76;

    public static string Encode(string text)
    {
        var output = new StringBuilder(text.Length + text.Length / 8);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) output.Append("\r\n");
            EncodeLine(Encoding.UTF8.GetBytes(lines[i]), output);
        }
        return output.ToString();
    }

    private static void EncodeLine(byte[] bytes, StringBuilder output)
    {
        var lineLength = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var last = i == bytes.Length - 1;
            // Trailing white space is eaten by some relays, so it is encoded; so is '=' and anything outside ASCII.
            var literal = b is >= 33 and <= 126 and not (byte)'=' || (b is (byte)' ' or (byte)'\t' && !last);
            var token = literal ? ((char)b).ToString() : $"={b:X2}";
            if (lineLength + token.Length > MaxLine - 1)
            {
                output.Append("=\r\n");
                lineLength = 0;
            }
            output.Append(token);
            lineLength += token.Length;
        }
    }
}
