using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chancery.Core.Import;

/// <summary>How to read a file; null lets the reader detect it.</summary>
public sealed record SourceOptions(char? Delimiter = null, string? Encoding = null)
{
    /// <summary>Uncompressed size past which a workbook is refused as a zip bomb (and the most characters one part may hold).</summary>
    public long MaxUncompressedBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>How many times its compressed size a part may inflate (past 1 MB); more is a zip bomb.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Most parts (zip entries) a workbook may have; a spreadsheet's own have a dozen or so.</summary>
    public int MaxZipEntries { get; init; } = 1_000;

    /// <summary>Most entries in a workbook's shared strings table.</summary>
    public int MaxSharedStrings { get; init; } = 2_000_000;

    /// <summary>Most characters in a workbook's shared strings, all entries together.</summary>
    public long MaxSharedStringCharacters { get; init; } = 50_000_000;

    /// <summary>Most columns read from a workbook: a value further right is refused (a workbook's own bound is 16,384).</summary>
    public int MaxColumns { get; init; } = 1_024;

    /// <summary>Most cells in the sheet read.</summary>
    public long MaxCells { get; init; } = 20_000_000;
}

/// <summary>One data row: its number as a spreadsheet shows it (the header is row 1) and its cells.</summary>
public readonly record struct SourceRow(int Number, string[] Cells);

/// <summary>
/// Reads CSV (CsvHelper's parser) or the first sheet of an XLSX workbook (the Open XML SDK's forward-only reader) row by
/// row, so a file is never held in memory whole. CSV encodings: a byte-order mark wins (UTF-8, UTF-16 LE/BE); else the
/// declared encoding (e.g. windows-1251); else strict UTF-8, so a file in another encoding fails with a message
/// instead of importing mangled names.
/// </summary>
public sealed class TabularReader : IDisposable
{
    private readonly IDisposable _owner;
    private readonly IEnumerator<SourceRow> _rows;

    private TabularReader(IDisposable owner, string[] header, IEnumerable<SourceRow> rows, string format)
    {
        _owner = owner;
        Header = header;
        Format = format;
        _rows = rows.GetEnumerator();
    }

    static TabularReader() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Column headers, trimmed.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>"csv" or "xlsx", with the delimiter and encoding found for CSV.</summary>
    public string Format { get; }

    /// <summary>The data rows, once.</summary>
    public IEnumerable<SourceRow> Rows()
    {
        while (_rows.MoveNext()) yield return _rows.Current;
    }

    /// <summary>Opens a seekable stream; an XLSX is recognised by its zip signature.</summary>
    public static TabularReader Open(Stream stream, string? fileName, SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        if (!stream.CanSeek) throw new ArgumentException("The import stream must be seekable.", nameof(stream));
        // A declared encoding is checked whatever the file turns out to be, so a bad one is named even for a workbook.
        _ = Declared(options.Encoding);
        Span<byte> head = stackalloc byte[4];
        var read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 0) throw new ImportFileException("The file is empty.");
        var isZip = read == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        var saysXlsx = fileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) == true;
        if (isZip) return OpenXlsx(stream, options);
        if (saysXlsx) throw new ImportFileException("The file is named .xlsx but is not a workbook (not a zip package); save it again from the spreadsheet as .xlsx, or upload it as CSV.");
        return OpenCsv(stream, head[..read], options);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rows.Dispose();
        _owner.Dispose();
    }

    private static TabularReader OpenCsv(Stream stream, ReadOnlySpan<byte> head, SourceOptions options)
    {
        var encoding = ChooseEncoding(head, options.Encoding);
        var delimiter = options.Delimiter ?? DetectDelimiter(stream, encoding);
        stream.Position = 0;
        var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            // A quote inside an unquoted field is taken literally, as spreadsheets do (the list of embassies has Hebrew
            // abbreviations such as ד"ר); a quote that opens a field and never closes is caught below.
            BadDataFound = null,
            // An unbalanced quote would otherwise swallow the rest of the file into one field.
            MaxFieldSize = 10_000,
        });
        string[] header;
        try
        {
            header = parser.Read() ? parser.Record ?? [] : throw new ImportFileException("The file has no header row.");
        }
        catch (DecoderFallbackException)
        {
            throw WrongEncoding(1);
        }
        var name = encoding.WebName;
        return new TabularReader(parser, [.. header.Select(h => h.Trim())], CsvRows(parser, header.Count(h => h.Trim().Length > 0)),
            $"csv ({(delimiter == '\t' ? "tab" : delimiter.ToString())}-delimited, {name})");
    }

    private static IEnumerable<SourceRow> CsvRows(CsvParser parser, int columns)
    {
        while (true)
        {
            bool more;
            try
            {
                more = parser.Read();
            }
            catch (DecoderFallbackException)
            {
                throw WrongEncoding(parser.Row);
            }
            catch (CsvHelper.MaxFieldSizeException)
            {
                throw new ImportFileException($"Row {parser.Row}: a field runs on for more than 10,000 characters; a quote is probably not closed.");
            }
            if (!more) break;
            var raw = parser.RawRecord;
            var record = parser.Record ?? [];
            // An odd number of quotes that made the row span lines, or swallow its remaining fields, is a quote never closed.
            if (raw.AsSpan().Count('"') % 2 == 1 && (raw.TrimEnd('\r', '\n').Contains('\n', StringComparison.Ordinal) || record.Length < columns))
                throw new ImportFileException($"Row {parser.Row}: a quote opened here is never closed, so the rest of the file reads as one field; close it, or double a quote inside a field.");
            if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0])) continue;
            yield return new SourceRow(parser.Row, record);
        }
    }

    private static ImportFileException WrongEncoding(int row) => new(
        $"Row {row}: the file is not valid UTF-8. Save it as UTF-8 (with or without BOM) or UTF-16, or say which encoding it is in (e.g. windows-1251 or windows-1252).");

    private static Encoding ChooseEncoding(ReadOnlySpan<byte> head, string? declared)
    {
        if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) return new UTF8Encoding(false, throwOnInvalidBytes: true);
        if (head.Length >= 2 && head[0] == 0xFF && head[1] == 0xFE) return new UnicodeEncoding(false, true, throwOnInvalidBytes: true);
        if (head.Length >= 2 && head[0] == 0xFE && head[1] == 0xFF) return new UnicodeEncoding(true, true, throwOnInvalidBytes: true);
        if (Declared(declared) is { } encoding) return encoding;
        if (head.Length >= 2 && (head[0] == 0 || head[1] == 0))
            throw new ImportFileException("The file looks like UTF-16 without a byte-order mark; save it as UTF-8, or as UTF-16 with a BOM.");
        return new UTF8Encoding(false, throwOnInvalidBytes: true);
    }

    /// <summary>The encodings a CSV may be declared in (by name or code page), as the web names .NET gives them.</summary>
    public static readonly IReadOnlyList<string> Encodings =
    [
        "utf-8", "utf-16", "utf-16BE", "windows-1250", "windows-1251", "windows-1252", "windows-1253", "windows-1254", "windows-1255",
        "windows-1256", "windows-1257", "windows-1258", "iso-8859-1", "iso-8859-2", "iso-8859-5", "iso-8859-7", "iso-8859-15", "koi8-r",
        "koi8-u", "cp866", "shift_jis", "gb18030", "big5", "euc-kr",
    ];

    // A declared encoding from the list above; anything else (UTF-7, EBCDIC, a typo) is refused naming the list.
    private static Encoding? Declared(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared)) return null;
        var named = declared.Trim();
        Encoding? encoding = null;
        try
        {
            encoding = int.TryParse(named, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage)
                ? System.Text.Encoding.GetEncoding(codePage) : System.Text.Encoding.GetEncoding(named);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // Not known to .NET, or known and disabled (UTF-7): refused below.
        }
        if (encoding is null || !Encodings.Contains(encoding.WebName, StringComparer.OrdinalIgnoreCase))
            throw new ImportFileException($"Encoding '{Shorten(named)}' is not supported; use one of {string.Join(", ", Encodings)} (or leave it out for UTF-8).");
        return encoding is UTF8Encoding ? new UTF8Encoding(false, throwOnInvalidBytes: true) : encoding;
    }

    private static char DetectDelimiter(Stream stream, Encoding encoding)
    {
        stream.Position = 0;
        string? first;
        using (var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true))
        {
            try
            {
                first = reader.ReadLine();
            }
            catch (DecoderFallbackException)
            {
                throw WrongEncoding(1);
            }
        }
        if (string.IsNullOrEmpty(first)) throw new ImportFileException("The file's first line (the header) is empty.");
        char[] candidates = [',', ';', '\t'];
        var counts = candidates.Select(c => (c, n: CountOutsideQuotes(first, c))).OrderByDescending(x => x.n).ToList();
        return counts[0].n > 0 ? counts[0].c : ',';
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var inQuotes = false;
        var n = 0;
        foreach (var c in line)
        {
            if (c == '"') inQuotes = !inQuotes;
            else if (c == delimiter && !inQuotes) n++;
        }
        return n;
    }

    private static TabularReader OpenXlsx(Stream stream, SourceOptions options)
    {
        CheckPackage(stream, options);
        stream.Position = 0;
        SpreadsheetDocument document;
        try
        {
            // The SDK reads parts with DTDs prohibited and no resolver; MaxCharactersInPart bounds what any part may
            // inflate to while it is read, whatever sizes the zip directory claims.
            document = SpreadsheetDocument.Open(stream, false, new OpenSettings { AutoSave = false, MaxCharactersInPart = options.MaxUncompressedBytes });
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            throw Unreadable(ex);
        }
        try
        {
            var workbook = document.WorkbookPart ?? throw new ImportFileException("The file is a zip package but not a workbook (no workbook part).");
            var id = FirstSheetId(workbook) ?? throw new ImportFileException("The workbook has no sheet.");
            if (!workbook.TryGetPartById(id, out var found) || found is not WorksheetPart part)
                throw new ImportFileException("The workbook's first sheet is not a worksheet (a chart sheet, or missing from the package); move the data to the first sheet.");
            var strings = SharedStrings(workbook, options);
            var rows = Guarded(new XlsxRows(options, strings).Read(part)).GetEnumerator();
            if (!rows.MoveNext()) throw new ImportFileException("The workbook's first sheet is empty.");
            var header = rows.Current.Cells.Select(h => h.Trim()).ToArray();
            return new TabularReader(document, header, Rest(rows), "xlsx");
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            document.Dispose();
            throw Unreadable(ex);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    // What the zip and XML layers throw for a damaged or hostile file; anything else is a bug and stays one.
    private static bool IsUnreadable(Exception ex) =>
        ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or FileFormatException or InvalidOperationException
            // The SDK parsing an attribute's typed value (a number, an enumeration) that the file writes wrong.
            or FormatException;

    private static ImportFileException Unreadable(Exception ex) => ex switch
    {
        System.Xml.XmlException xml when xml.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) =>
            new("The workbook contains a document type declaration (DTD), which is refused: workbooks saved by a spreadsheet have none."),
        System.Xml.XmlException xml when xml.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal) || xml.Message.Contains("exceeds the maximum", StringComparison.OrdinalIgnoreCase) =>
            new("A part of the workbook inflates past the size limit; it is refused as a zip bomb."),
        _ => new("The file is a zip package but not a readable workbook: " + ex.Message),
    };

    private static string? FirstSheetId(WorkbookPart workbook)
    {
        using var reader = OpenXmlReader.Create(workbook);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Sheet) && reader.IsStartElement)
                return reader.Attributes.FirstOrDefault(a => a.LocalName == "id" && a.NamespaceUri.Length > 0).Value;
        }
        return null;
    }

    // The reader's own refusals pass through; what the XML and zip layers throw while rows are read becomes a refusal too.
    private static IEnumerable<SourceRow> Guarded(IEnumerable<SourceRow> rows)
    {
        using var e = rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (Exception ex) when (IsUnreadable(ex))
            {
                throw Unreadable(ex);
            }
            yield return e.Current;
        }
    }

    private static IEnumerable<SourceRow> Rest(IEnumerator<SourceRow> rows)
    {
        using (rows)
        {
            while (rows.MoveNext()) yield return rows.Current;
        }
    }

    // A workbook is a zip: refuse one with too many parts, or whose parts would inflate past the limit or a hundredfold
    // (a "zip bomb"), before any part is decompressed. The sizes are the zip directory's claims; the limit on
    // characters per part holds the line while parts are read.
    private static void CheckPackage(Stream stream, SourceOptions options)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > options.MaxZipEntries)
                throw new ImportFileException($"The workbook has {zip.Entries.Count:N0} parts; at most {options.MaxZipEntries:N0} are accepted. Save it again from the spreadsheet with only the sheet to import.");
            long total = 0;
            var workbook = false;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (entry.FullName.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase)) workbook = true;
                if (total > options.MaxUncompressedBytes || (entry.Length > 1_000_000 && entry.Length > options.MaxCompressionRatio * Math.Max(1, entry.CompressedLength)))
                    throw new ImportFileException($"The workbook would inflate to more than {options.MaxUncompressedBytes / (1024 * 1024)} MB, or a part to more than {options.MaxCompressionRatio} times its compressed size (part {Shorten(entry.FullName)}); it is refused as a zip bomb.");
            }
            if (!workbook) throw new ImportFileException("The file is a zip package but not an XLSX workbook (it has no xl/workbook.xml).");
        }
        catch (InvalidDataException ex)
        {
            throw new ImportFileException("The file starts like a workbook but is not a readable zip package: " + ex.Message);
        }
    }

    // Shared strings read forward only: the text of each item (rich-text runs joined, phonetic guides left out), counted
    // against the limits on items and characters before it is kept.
    private static List<string> SharedStrings(WorkbookPart workbook, SourceOptions options)
    {
        var list = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return list;
        using var reader = OpenXmlReader.Create(part);
        var text = new StringBuilder();
        long characters = 0;
        var inItem = false;
        var phonetic = 0;
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (type == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    if (list.Count >= options.MaxSharedStrings)
                        throw new ImportFileException($"The workbook's shared strings table has more than {options.MaxSharedStrings:N0} entries; it is refused.");
                    inItem = true;
                    text.Clear();
                }
                else if (inItem)
                {
                    list.Add(text.ToString());
                    inItem = false;
                }
            }
            else if (type == typeof(PhoneticRun))
            {
                phonetic += reader.IsStartElement ? 1 : -1;
            }
            else if (type == typeof(Text) && reader.IsStartElement && inItem && phonetic == 0)
            {
                var piece = reader.GetText();
                characters += piece.Length;
                if (characters > options.MaxSharedStringCharacters)
                    throw new ImportFileException($"The workbook's shared strings hold more than {options.MaxSharedStringCharacters:N0} characters; it is refused.");
                text.Append(piece);
            }
        }
        return list;
    }

    /// <summary>The rows of a worksheet, read forward only, each cell checked against the workbook bounds and limits.</summary>
    private sealed class XlsxRows(SourceOptions options, List<string> strings)
    {
        // The last row a workbook can have (Excel's bound).
        private const int LastRow = 1_048_576;
        private long _cells;

        public IEnumerable<SourceRow> Read(WorksheetPart part)
        {
            using var reader = OpenXmlReader.Create(part);
            var cells = new List<string>();
            var number = 0;
            var next = 0;
            var inRow = false;
            while (reader.Read())
            {
                if (reader.ElementType == typeof(Row))
                {
                    if (reader.IsStartElement)
                    {
                        number = RowNumber(reader, number);
                        cells.Clear();
                        next = 0;
                        inRow = true;
                    }
                    else if (inRow)
                    {
                        inRow = false;
                        if (!cells.TrueForAll(string.IsNullOrWhiteSpace)) yield return new SourceRow(number, [.. cells]);
                    }
                }
                else if (reader.ElementType == typeof(Cell) && reader.IsStartElement && inRow)
                {
                    if (++_cells > options.MaxCells)
                        throw new ImportFileException($"The workbook's first sheet has more than {options.MaxCells:N0} cells; split the file.");
                    var cell = (Cell)reader.LoadCurrentElement()!;
                    // A cell without a reference is the one after the cell before.
                    var column = Column(cell.CellReference?.Value, number) ?? next;
                    next = column + 1;
                    var text = CellText(cell, number);
                    // Empty cells (a spreadsheet writes formatted ones far to the right) take no room.
                    if (text.Length == 0) continue;
                    if (column >= options.MaxColumns)
                        throw new ImportFileException($"Row {number}: a value in column {ColumnName(column)} lies past the {options.MaxColumns:N0} columns read; remove what is to the right of the data.");
                    while (cells.Count <= column) cells.Add("");
                    cells[column] = text;
                }
            }
        }

        // Rows carry their number (r="7"), or follow the one before; a number out of the workbook's bounds is refused.
        private static int RowNumber(OpenXmlReader reader, int previous)
        {
            var r = reader.Attributes.FirstOrDefault(a => a.LocalName == "r" && a.NamespaceUri.Length == 0).Value;
            if (r is null) return previous + 1;
            if (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > LastRow)
                throw new ImportFileException($"After row {previous}: a row numbered '{Shorten(r)}' lies outside the rows a workbook can have (1 to 1,048,576).");
            return n;
        }

        private string CellText(Cell cell, int row)
        {
            // The type as written (t="s"): the SDK's typed value throws on a type it does not know.
            var type = cell.DataType?.InnerText;
            var value = cell.CellValue?.Text;
            string text;
            switch (type)
            {
                case "s":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= strings.Count)
                        throw new ImportFileException($"Row {row}: a cell refers to shared string '{Shorten(value ?? "")}', which the workbook does not have.");
                    text = strings[i];
                    break;
                case "inlineStr":
                    text = cell.InlineString?.InnerText ?? "";
                    break;
                case "b":
                    text = value == "1" ? "TRUE" : "FALSE";
                    break;
                case null or "" or "n" or "str" or "e" or "d":
                    text = value ?? "";
                    break;
                default:
                    throw new ImportFileException($"Row {row}: a cell has type '{Shorten(type)}', which a workbook does not have (s, inlineStr, b, n, str, e or d).");
            }
            if (text.Length > MaxCellCharacters)
                throw new ImportFileException($"Row {row}: a cell holds {text.Length:N0} characters; a workbook cell holds at most {MaxCellCharacters:N0}.");
            return text;
        }
    }

    // 0 → "A", 26 → "AA".
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    // A spreadsheet cell holds at most 32,767 characters.
    private const int MaxCellCharacters = 32_767;

    // "BC12" → 54; a reference with no letters, or letters past XFD, is read as far as needed to say so.
    private static int? Column(string? reference, int row)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            if (++letters > 3)
                throw new ImportFileException($"Row {row}: cell '{Shorten(reference)}' lies past column XFD, the last a workbook can have; the file was not saved by a spreadsheet.");
            index = index * 26 + (c - 'A' + 1);
        }
        return index == 0 ? null : index - 1;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text.Trim() : text[..60] + "…";
}
