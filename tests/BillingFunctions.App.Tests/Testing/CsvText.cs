using CsvHelper;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>A CSV file as the tests read it: each row by column name, with CsvHelper as a client would read it.</summary>
internal static class CsvText
{
    public static List<Dictionary<string, string>> Rows(string text)
    {
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(csv.Headers.Select((name, i) => (name, value: csv.GetString(i))).ToDictionary(f => f.name, f => f.value));
        return rows;
    }

    public static async Task<List<Dictionary<string, string>>> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return Rows(body);
    }
}
