using System.Globalization;
using System.Text;
using Chancery.Core.Common;
using ClosedXML.Excel;
using CsvHelper;

namespace Chancery.Core.Export;

/// <summary>Writes an <see cref="ExportTable"/> as CSV (CsvHelper) or XLSX (ClosedXML), with formula-like text neutralised.</summary>
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

    /// <summary>XLSX with a bold, frozen header row; dates as dates, numbers as numbers, everything else as text.</summary>
    public static void WriteXlsx(ExportTable table, Stream output)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName(table.Name));
        for (var c = 0; c < table.Headers.Count; c++) SetText(sheet.Cell(1, c + 1), table.Headers[c]);
        var header = sheet.Row(1);
        header.Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            for (var c = 0; c < row.Count; c++) SetValue(sheet.Cell(r + 2, c + 1), row[c]);
        }
        // Column widths from the text length: AdjustToContents measures fonts through GDI, absent on Linux servers.
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var longest = table.Rows.Select(r => c < r.Count ? CsvText(r[c]).Length : 0).Append(table.Headers[c].Length).Max();
            sheet.Column(c + 1).Width = Math.Clamp(longest + 2, 8, 60);
        }
        workbook.SaveAs(output);
    }

    private static void SetValue(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case DateOnly d:
                cell.SetValue(d.ToDateTime(TimeOnly.MinValue));
                cell.Style.DateFormat.Format = "yyyy-mm-dd";
                break;
            case int or long or short or decimal or double or float:
                cell.SetValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case bool b:
                cell.SetValue(b);
                break;
            default:
                SetText(cell, CsvText(value));
                break;
        }
    }

    // Text is set as text (never guessed as a number, date or formula) and neutralised first.
    private static void SetText(IXLCell cell, string text)
    {
        cell.DataType = XLDataType.Text;
        cell.SetValue(SpreadsheetText.Neutralise(text) ?? "");
        cell.DataType = XLDataType.Text;
    }

    private static string CsvText(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        string s => SpreadsheetText.Neutralise(s) ?? "",
        // Negative numbers stay numbers: only text is neutralised.
        int or long or short or decimal or double or float => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        IFormattable f => SpreadsheetText.Neutralise(f.ToString(null, CultureInfo.InvariantCulture)) ?? "",
        _ => SpreadsheetText.Neutralise(value.ToString()) ?? "",
    };

    // Excel allows 31 characters and none of : \ / ? * [ ].
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Select(ch => ":\\/?*[]".Contains(ch, StringComparison.Ordinal) ? '-' : ch)]);
        return clean.Length == 0 ? "Export" : clean[..Math.Min(31, clean.Length)];
    }
}
