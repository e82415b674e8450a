using System.Globalization;
using System.Text;

namespace Benchmarks.Imports;

/// <summary>The benchmark's import files, as a CRM's export would give them (docs/CSV.md): customers, and invoices of two lines.</summary>
internal static class ImportFiles
{
    public static byte[] Customers(int count)
    {
        var csv = new StringBuilder("external_id,name,email\r\n");
        for (var c = 0; c < count; c++) csv.Append(CultureInfo.InvariantCulture, $"CRM-C{c:D4},\"Customer {c}, GmbH\",billing{c}@example.com\r\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>
    /// <paramref name="rows"/> rows: invoices of two lines each (one taxed), spread over the customers; each taxed line's
    /// description padded to <paramref name="pad"/> characters, to make the file large against the memory it takes.
    /// </summary>
    public static byte[] Invoices(string prefix, int rows, int customers, int pad = 0)
    {
        var csv = new StringBuilder("external_id,customer_external_id,days_until_due,labels,line_description,line_quantity," +
            "line_unit_amount,line_tax_rate_basis_points\r\n");
        for (var row = 0; row < rows; row++)
        {
            var invoice = row / 2;
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{invoice:D6},CRM-C{invoice % customers:D4},30,imported q{invoice % 4 + 1},")
                .Append(row % 2 == 0
                    ? $"{$"Consulting week {invoice % 52 + 1}".PadRight(pad, '.')},{invoice % 9 + 1},12500,1900\r\n"
                    : "\"Travel, \"\"economy\"\"\",1,4990,\r\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
