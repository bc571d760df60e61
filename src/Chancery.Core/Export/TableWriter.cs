using System.Globalization;
using System.Text;
using Chancery.Core.Common;
using CsvHelper;

namespace Chancery.Core.Export;

/// <summary>Writes an <see cref="ExportTable"/> as CSV (CsvHelper) or XLSX (the Open XML SDK, row by row), with formula-like text neutralised.</summary>
public static class TableWriter
{
    /// <summary>The MIME type of a format.</summary>
    public static string ContentType(ExportFormat format) => format == ExportFormat.Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv; charset=utf-8";

    /// <summary>"alerts-2021-08-15.xlsx": the list's name, an optional date, the format's extension.</summary>
    public static string FileName(string name, DateOnly? on, ExportFormat format) =>
        $"{name}{(on is { } d ? "-" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}.{(format == ExportFormat.Xlsx ? "xlsx" : "csv")}";

    /// <summary>Writes <paramref name="table"/> to <paramref name="output"/> in <paramref name="format"/>.</summary>
    public static void Write(ExportTable table, ExportFormat format, Stream output)
    {
        if (format == ExportFormat.Xlsx) WriteXlsx(table, output);
        else WriteCsv(table, output);
    }

    /// <summary>The file's bytes.</summary>
    public static byte[] ToBytes(ExportTable table, ExportFormat format)
    {
        using var buffer = new MemoryStream();
        Write(table, format, buffer);
        return buffer.ToArray();
    }

    /// <summary>CSV, UTF-8 with a byte-order mark; dates as yyyy-mm-dd, numbers in the invariant culture.</summary>
    public static void WriteCsv(ExportTable table, Stream output)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var header in table.Headers) csv.WriteField(SpreadsheetText.Neutralise(header));
        csv.NextRecord();
        foreach (var row in table.Rows)
        {
            foreach (var value in row) csv.WriteField(CsvText(value));
            csv.NextRecord();
        }
    }

    /// <summary>XLSX with a bold, frozen header row; dates as dates, numbers as numbers, everything else as text; rows written as they go.</summary>
    public static void WriteXlsx(ExportTable table, Stream output)
    {
        ArgumentNullException.ThrowIfNull(table);
        // Column widths from the text length (measuring fonts would need a graphics library).
        var widths = new double[table.Headers.Count];
        for (var c = 0; c < widths.Length; c++)
        {
            var longest = table.Rows.Select(r => c < r.Count ? CsvText(r[c]).Length : 0).Append(table.Headers[c].Length).Max();
            widths[c] = Math.Clamp(longest + 2, 8, 60);
        }
        using var sheet = new XlsxSheetWriter(output, table.Name, widths);
        sheet.Header(table.Headers);
        foreach (var row in table.Rows) sheet.Row(row);
    }

    private static string CsvText(object? value) => XlsxSheetWriter.Text(value);
}
