using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chancery.Tests.Shared;

/// <summary>What a cell of a workbook holds, as a spreadsheet would show its type.</summary>
public enum SheetCellKind
{
    /// <summary>No value.</summary>
    Empty,
    /// <summary>Text (shared or inline string).</summary>
    Text,
    /// <summary>A number without a date format.</summary>
    Number,
    /// <summary>A number formatted as a date.</summary>
    Date,
    /// <summary>TRUE or FALSE.</summary>
    Boolean,
}

/// <summary>One cell read back from a workbook.</summary>
public sealed record SheetCell(SheetCellKind Kind, string Text, bool HasFormula, double? Number)
{
    /// <summary>The date of a date cell.</summary>
    public DateTime Date => Kind == SheetCellKind.Date ? DateTime.FromOADate(Number!.Value) : throw new InvalidOperationException($"The cell is {Kind}, not a date.");
}

/// <summary>The first sheet of a workbook read back whole through the Open XML SDK, for assertions on exports.</summary>
public sealed class WorkbookSheet
{
    private readonly List<SheetCell[]> _rows;

    private WorkbookSheet(string name, List<SheetCell[]> rows, bool frozenHeader, bool boldHeader)
    {
        Name = name;
        _rows = rows;
        FrozenHeader = frozenHeader;
        BoldHeader = boldHeader;
    }

    /// <summary>The sheet's name.</summary>
    public string Name { get; }

    /// <summary>Rows, the header first; each row as wide as its last cell.</summary>
    public IReadOnlyList<SheetCell[]> Rows => _rows;

    /// <summary>Whether the first row is frozen at the top.</summary>
    public bool FrozenHeader { get; }

    /// <summary>Whether the first row's cells are bold.</summary>
    public bool BoldHeader { get; }

    /// <summary>A cell by 1-based row and column, empty past the data.</summary>
    public SheetCell Cell(int row, int column) =>
        row <= _rows.Count && column <= _rows[row - 1].Length ? _rows[row - 1][column - 1] : new SheetCell(SheetCellKind.Empty, "", false, null);

    /// <summary>The 1-based column whose header is <paramref name="header"/>.</summary>
    public int Column(string header) => Array.FindIndex(_rows[0], c => c.Text == header) is var i and >= 0 ? i + 1 : throw new InvalidOperationException($"No column {header}.");

    /// <summary>The texts of a column below the header.</summary>
    public IReadOnlyList<string> Values(string header)
    {
        var column = Column(header);
        return [.. _rows.Skip(1).Select(r => column <= r.Length ? r[column - 1].Text : "")];
    }

    /// <summary>Reads a workbook's first sheet.</summary>
    public static WorkbookSheet Read(byte[] bytes) => Read(new MemoryStream(bytes));

    /// <summary>Reads a workbook file's first sheet.</summary>
    public static WorkbookSheet Read(string path) => Read(new MemoryStream(File.ReadAllBytes(path)));

    /// <summary>Reads a workbook's first sheet.</summary>
    public static WorkbookSheet Read(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook!.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var formats = workbook.WorkbookStylesPart?.Stylesheet?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var fonts = workbook.WorkbookStylesPart?.Stylesheet?.Fonts?.Elements<Font>().ToList() ?? [];
        var rows = new List<SheetCell[]>();
        var boldHeader = true;
        foreach (var row in part.Worksheet!.Descendants<Row>())
        {
            var cells = new List<SheetCell>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                while (cells.Count < column) cells.Add(new SheetCell(SheetCellKind.Empty, "", false, null));
                var format = cell.StyleIndex?.Value is { } s && s < formats.Count ? formats[(int)s] : null;
                if (rows.Count == 0)
                    boldHeader &= format?.FontId?.Value is { } f && f < fonts.Count && fonts[(int)f].Bold is not null;
                cells.Add(Read(cell, strings, format));
            }
            rows.Add([.. cells]);
        }
        var frozen = part.Worksheet.GetFirstChild<SheetViews>()?.Descendants<Pane>().Any(p => p.State?.Value == PaneStateValues.Frozen && p.VerticalSplit?.Value == 1) == true;
        return new WorkbookSheet(sheet.Name!.Value!, rows, frozen, boldHeader);
    }

    private static SheetCell Read(Cell cell, List<string> strings, CellFormat? format)
    {
        var formula = cell.CellFormula is not null;
        var type = cell.DataType?.Value;
        var value = cell.CellValue?.Text;
        if (type == CellValues.SharedString) return new(SheetCellKind.Text, strings[int.Parse(value!, CultureInfo.InvariantCulture)], formula, null);
        if (type == CellValues.InlineString) return new(SheetCellKind.Text, cell.InlineString?.InnerText ?? "", formula, null);
        if (type == CellValues.String) return new(SheetCellKind.Text, value ?? "", formula, null);
        if (type == CellValues.Boolean) return new(SheetCellKind.Boolean, value == "1" ? "TRUE" : "FALSE", formula, null);
        if (value is null) return new(SheetCellKind.Empty, "", formula, null);
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        var isDate = format?.NumberFormatId?.Value is { } id && (id is >= 14 and <= 22 || id >= 164);
        return new(isDate ? SheetCellKind.Date : SheetCellKind.Number, value, formula, number);
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetterUpper)) index = index * 26 + (c - 'A' + 1);
        return index - 1;
    }
}

/// <summary>
/// Workbooks written part by part (a zip of XML) so a test can make them hostile: a document type declaration, a cell
/// far past the last column, a zip bomb, thousands of parts, a huge shared strings table.
/// </summary>
public static class HostileWorkbook
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A missions file's header and one good row naming <paramref name="city"/>, as worksheet rows.</summary>
    public static string MissionRows(string city, string extraCell = "") =>
        $"""<row r="1">{Inline("A1", "sendingState")}{Inline("B1", "receivingState")}{Inline("C1", "city")}{Inline("D1", "kind")}</row>""" +
        $"""<row r="2">{Inline("A2", "RU")}{Inline("B2", "US")}{Inline("C2", city)}{Inline("D2", "Embassy")}{extraCell}</row>""";

    /// <summary>An inline-string cell.</summary>
    public static string Inline(string reference, string text) =>
        $"""<c r="{reference}" t="inlineStr"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>""";

    /// <summary>A worksheet part around <paramref name="rows"/>, with an optional prologue (e.g. a DOCTYPE) before the root.</summary>
    public static string Sheet(string rows, string prologue = "") =>
        $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prologue}<worksheet xmlns="{Main}"><sheetData>{rows}</sheetData></worksheet>""";

    /// <summary>A workbook with one sheet, optional shared strings, and any other parts given (name, bytes).</summary>
    public static byte[] Build(string sheetXml, string? sharedStringsXml = null, IEnumerable<(string Name, byte[] Content)>? extra = null, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text) => AddBytes(name, Encoding.UTF8.GetBytes(text));
            void AddBytes(string name, byte[] content)
            {
                using var entry = zip.CreateEntry(name, level).Open();
                entry.Write(content);
            }
            Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType="application/octet-stream"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            var shared = sharedStringsXml is null ? "" : """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""";
            Add("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{shared}</Relationships>""");
            Add("xl/worksheets/sheet1.xml", sheetXml);
            if (sharedStringsXml is not null) Add("xl/sharedStrings.xml", sharedStringsXml);
            foreach (var (name, content) in extra ?? []) AddBytes(name, content);
        }
        return buffer.ToArray();
    }

    /// <summary>A shared strings table of <paramref name="items"/>.</summary>
    public static string SharedStrings(IEnumerable<string> items) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">{string.Concat(items.Select(i => $"<si><t>{System.Security.SecurityElement.Escape(i)}</t></si>"))}</sst>""";

    /// <summary>The 1.6 KB workbook that ran the app out of memory: a good missions row and one more cell at column ZZZZZZ.</summary>
    public static byte[] CellAtColumnZzzzzz(string city) => Build(Sheet(MissionRows(city, Inline("ZZZZZZ2", "x"))));

    /// <summary>A good missions sheet whose part starts with a DTD declaring entities (the "billion laughs").</summary>
    public static byte[] WithDtd(string city) => Build(Sheet(MissionRows(city).Replace("<t>Embassy</t>", "<t>&lol9;</t>", StringComparison.Ordinal),
        """<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>"""));

    /// <summary>A good missions sheet beside a part of <paramref name="megabytes"/> MB of spaces that compresses a thousandfold.</summary>
    public static byte[] ZipBomb(string city, int megabytes = 20) =>
        Build(Sheet(MissionRows(city)), extra: [("xl/media/padding.bin", new byte[megabytes * 1024 * 1024])], level: CompressionLevel.SmallestSize);

    /// <summary>A good missions sheet among <paramref name="parts"/> more tiny parts.</summary>
    public static byte[] ManyParts(string city, int parts) =>
        Build(Sheet(MissionRows(city)), extra: Enumerable.Range(0, parts).Select(i => ($"xl/media/part{i}.bin", new byte[] { 1 })));

    /// <summary>A good missions sheet in shared strings, the table padded with <paramref name="padding"/> more empty entries.</summary>
    public static byte[] HugeSharedStrings(string city, int padding)
    {
        string[] texts = ["sendingState", "receivingState", "city", "kind", "RU", "US", city, "Embassy"];
        string Shared(string reference, int index) => $"""<c r="{reference}" t="s"><v>{index}</v></c>""";
        var rows = $"""<row r="1">{Shared("A1", 0)}{Shared("B1", 1)}{Shared("C1", 2)}{Shared("D1", 3)}</row><row r="2">{Shared("A2", 4)}{Shared("B2", 5)}{Shared("C2", 6)}{Shared("D2", 7)}</row>""";
        var table = new StringBuilder(SharedStrings(texts));
        table.Insert(table.Length - "</sst>".Length, string.Concat(Enumerable.Repeat("<si><t></t></si>", padding)));
        return Build(Sheet(rows), table.ToString(), level: CompressionLevel.SmallestSize);
    }
}
