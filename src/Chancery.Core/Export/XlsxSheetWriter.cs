using System.Globalization;
using Chancery.Core.Common;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chancery.Core.Export;

/// <summary>
/// Writes a one-sheet workbook row by row with the Open XML SDK's forward-only writer, so no row is kept once written:
/// a bold header row frozen at the top, dates as dates (yyyy-mm-dd), numbers as numbers, yes/no as booleans, and every
/// other value as text (an inline string, never read as a number or a formula) with formula-like text neutralised.
/// </summary>
internal sealed class XlsxSheetWriter : IDisposable
{
    // Style indexes in the stylesheet below: 0 plain, 1 bold (the header), 2 a date.
    private const uint Bold = 1;
    private const uint DateStyle = 2;

    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly WorksheetPart _part;
    private readonly OpenXmlWriter _writer;
    private readonly string _name;
    private bool _inSheetData;
    private uint _row;
    private bool _disposed;

    /// <summary>Starts the sheet; <paramref name="widths"/> (characters) sets the column widths when known up front.</summary>
    public XlsxSheetWriter(Stream output, string name, IReadOnlyList<double>? widths = null)
    {
        _name = SheetName(name);
        _document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        _workbook = _document.AddWorkbookPart();
        var styles = _workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        _part = _workbook.AddNewPart<WorksheetPart>();
        _writer = OpenXmlWriter.Create(_part);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1,
            TopLeftCell = "A2",
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        })
        { WorkbookViewId = 0 }));
        if (widths is { Count: > 0 })
        {
            _writer.WriteStartElement(new Columns());
            for (var c = 0; c < widths.Count; c++)
                _writer.WriteElement(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = widths[c], CustomWidth = true });
            _writer.WriteEndElement();
        }
        _writer.WriteStartElement(new SheetData());
        _inSheetData = true;
    }

    /// <summary>The header row: bold text.</summary>
    public void Header(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _writer.WriteStartElement(new Row { RowIndex = ++_row });
        foreach (var header in headers) _writer.WriteElement(TextCell(header, Bold));
        _writer.WriteEndElement();
    }

    /// <summary>One row of values: null, <see cref="DateOnly"/>, a number, a bool, or anything else written as text.</summary>
    public void Row(IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        // Rows carry their number, so a reader (and the import's messages) count them as a spreadsheet does.
        _writer.WriteStartElement(new Row { RowIndex = ++_row });
        foreach (var value in values) _writer.WriteElement(ValueCell(value));
        _writer.WriteEndElement();
    }

    /// <summary>The text of a value as a CSV export writes it: dates yyyy-mm-dd, numbers invariant, yes/no, text neutralised.</summary>
    public static string Text(object? value) => value switch
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

    private static Cell ValueCell(object? value) => value switch
    {
        null => new Cell(),
        DateOnly d => new Cell { StyleIndex = DateStyle, CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)) },
        int or long or short or decimal or double or float => new Cell { CellValue = new CellValue(Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)) },
        bool b => new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
        _ => TextCell(Text(value), null),
    };

    // Text is written as text (an inline string, never guessed as a number, date or formula), neutralised first.
    private static Cell TextCell(string? text, uint? style) => new()
    {
        DataType = CellValues.InlineString,
        StyleIndex = style,
        InlineString = new InlineString(new Text(Clean(SpreadsheetText.Neutralise(text) ?? "")) { Space = SpaceProcessingModeValues.Preserve }),
    };

    // XML cannot carry most control characters; they have no place in a registry cell anyway.
    private static string Clean(string text) =>
        text.Any(c => c < ' ' && c is not '\t' and not '\n' and not '\r') ? new string([.. text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r')]) : text;

    // Excel allows 31 characters and none of : \ / ? * [ ].
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Select(ch => ":\\/?*[]".Contains(ch, StringComparison.Ordinal) ? '-' : ch)]);
        return clean.Length == 0 ? "Export" : clean[..Math.Min(31, clean.Length)];
    }

    // The fills and the border a stylesheet must have, a bold font and a yyyy-mm-dd number format (custom ids start at 164).
    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true })
        { Count = 3 });

    /// <summary>Closes the sheet and the package (the workbook part names the sheet).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_inSheetData)
        {
            _writer.WriteEndElement();
            _writer.WriteEndElement();
            _inSheetData = false;
        }
        _writer.Close();
        _workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = _name, SheetId = 1, Id = _workbook.GetIdOfPart(_part) }));
        _workbook.Workbook.Save();
        _document.Dispose();
    }
}
