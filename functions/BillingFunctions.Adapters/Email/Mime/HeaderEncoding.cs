using System.Globalization;
using System.Text;

namespace BillingFunctions.Adapters.Email.Mime;

/// <summary>Header values: ASCII as is, anything else as RFC 2047 UTF-8 encoded words; CR and LF refused (header injection).</summary>
internal static class HeaderEncoding
{
    // "=?utf-8?B?" + "?=" is 12 characters; 39 bytes of UTF-8 make 52 base64 characters: 64 in all, so even after
    // "Subject: " a line stays under the 78 characters RFC 5322 asks for.
    private const int MaxBytesPerWord = 39;

    public static string Text(string value)
    {
        RefuseLineBreaks(value);
        if (IsPlainAscii(value))
            return value;
        var words = new List<string>();
        var chunk = new StringBuilder();
        var enumerator = StringInfo.GetTextElementEnumerator(value);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            if (chunk.Length > 0 && Encoding.UTF8.GetByteCount(chunk + element) > MaxBytesPerWord)
            {
                words.Add(Word(chunk.ToString()));
                chunk.Clear();
            }
            chunk.Append(element);
        }
        if (chunk.Length > 0) words.Add(Word(chunk.ToString()));
        // Folding between encoded words: the white space between two words is not part of the text.
        return string.Join("\r\n ", words);
    }

    public static string Mailbox(EmailAddress mailbox)
    {
        var address = Address(mailbox.Address);
        if (string.IsNullOrWhiteSpace(mailbox.DisplayName))
            return $"<{address}>";
        var name = mailbox.DisplayName;
        RefuseLineBreaks(name);
        var shown = IsPlainAscii(name) ? "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"" : Text(name);
        return $"{shown} <{address}>";
    }

    /// <summary>An address for headers and MAIL FROM / RCPT TO: ASCII (no SMTPUTF8), one @, no brackets or spaces.</summary>
    public static string Address(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var at = address.IndexOf('@');
        var valid = at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1
            && address.All(c => c is > ' ' and < (char)127 and not '<' and not '>' and not ',' and not ';' and not '"');
        return valid ? address : throw new ArgumentException($"'{address}' is not a plain ASCII email address.", nameof(address));
    }

    private static string Word(string text) => "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    private static bool IsPlainAscii(string value) => value.All(c => c is >= ' ' and < (char)127) && !value.Contains("=?");

    private static void RefuseLineBreaks(string value)
    {
        if (value.Contains('\r') || value.Contains('\n'))
            throw new ArgumentException("Header values cannot contain line breaks.", nameof(value));
    }
}
