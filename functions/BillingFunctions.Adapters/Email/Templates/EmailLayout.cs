using System.Net;
using System.Text;

namespace BillingFunctions.Adapters.Email.Templates;

internal sealed record TemplateLink(string Label, Uri Url);

internal sealed record TemplateContent(string Subject, IReadOnlyList<string> Paragraphs, TemplateLink? Primary, TemplateLink? Secondary);

/// <summary>Lays one content out twice; every value is HTML-escaped and links must be http(s).</summary>
internal static class EmailLayout
{
    public static string PlainText(TemplateContent content)
    {
        var text = new StringBuilder();
        foreach (var paragraph in content.Paragraphs)
            text.Append(paragraph).Append("\n\n");
        foreach (var link in Links(content))
            text.Append(link.Label).Append(": ").Append(link.Url.AbsoluteUri).Append('\n');
        return text.ToString();
    }

    public static string Html(TemplateContent content)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(content.Subject))
            .Append("</title></head>\n<body style=\"font-family:sans-serif;max-width:560px\">\n");
        foreach (var paragraph in content.Paragraphs)
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
        foreach (var link in Links(content))
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link.Url.AbsoluteUri)).Append("\">")
                .Append(WebUtility.HtmlEncode(link.Label)).Append("</a></p>\n");
        return html.Append("</body></html>\n").ToString();
    }

    private static IEnumerable<TemplateLink> Links(TemplateContent content)
    {
        foreach (var link in new[] { content.Primary, content.Secondary })
        {
            if (link is null) continue;
            if (!link.Url.IsAbsoluteUri || link.Url.Scheme is not ("https" or "http"))
                throw new ArgumentException($"Email links must be absolute http(s) URLs, not '{link.Url}'.");
            yield return link;
        }
    }
}
