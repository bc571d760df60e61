using Chancery.Core.Common;

namespace Chancery.Core.Export;

/// <summary>The file formats a list can be exported to.</summary>
public enum ExportFormat
{
    /// <summary>Comma-separated values, UTF-8 with a byte-order mark (so spreadsheets read the accents right).</summary>
    Csv,
    /// <summary>An Excel workbook with one sheet and a header row.</summary>
    Xlsx,
}

/// <summary>One column of an export: its header and how to read its value from a row (text, number, date, bool or enum).</summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// A list ready to write: headers and rows of plain values. Text is neutralised by the writers
/// (<see cref="SpreadsheetText"/>), dates stay dates and numbers stay numbers.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// The shape of one exported list: a name (the file and sheet name) and its columns. Adding an export for a new list
/// is one of these, built from the list's rows: <c>new TableExport&lt;Row&gt;("parity", [new("State", r =&gt; r.State), ...])</c>.
/// </summary>
public sealed class TableExport<T>(string name, IReadOnlyList<ExportColumn<T>> columns)
{
    /// <summary>The list's name, used for the file name and the sheet.</summary>
    public string Name => name;

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<ExportColumn<T>> Columns => columns;

    /// <summary>The table of <paramref name="rows"/>.</summary>
    public ExportTable Build(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new(name, [.. columns.Select(c => c.Header)], [.. rows.Select(r => (IReadOnlyList<object?>)[.. columns.Select(c => c.Value(r))])]);
    }
}
