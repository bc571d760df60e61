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
    /// <summary>Uncompressed size past which a workbook is refused as a zip bomb.</summary>
    public long MaxUncompressedBytes { get; init; } = 256L * 1024 * 1024;
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
        if (!string.IsNullOrWhiteSpace(declared))
        {
            try
            {
                var named = declared.Trim();
                var encoding = int.TryParse(named, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage)
                    ? System.Text.Encoding.GetEncoding(codePage) : System.Text.Encoding.GetEncoding(named);
                return encoding is UTF8Encoding ? new UTF8Encoding(false, throwOnInvalidBytes: true) : encoding;
            }
            catch (ArgumentException)
            {
                throw new ImportFileException($"Encoding '{declared}' is not known; use utf-8, utf-16, windows-1251 or windows-1252.");
            }
        }
        if (head.Length >= 2 && (head[0] == 0 || head[1] == 0))
            throw new ImportFileException("The file looks like UTF-16 without a byte-order mark; save it as UTF-8, or as UTF-16 with a BOM.");
        return new UTF8Encoding(false, throwOnInvalidBytes: true);
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
        CheckPackage(stream, options.MaxUncompressedBytes);
        stream.Position = 0;
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException)
        {
            throw new ImportFileException("The file is a zip package but not a readable workbook: " + ex.Message);
        }
        try
        {
            var workbook = document.WorkbookPart ?? throw new ImportFileException("The file is a zip package but not a workbook (no workbook part).");
            var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new ImportFileException("The workbook has no sheet.");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var strings = SharedStrings(workbook);
            var rows = SheetRows(part, strings).GetEnumerator();
            if (!rows.MoveNext()) throw new ImportFileException("The workbook's first sheet is empty.");
            var header = rows.Current.Cells.Select(h => h.Trim()).ToArray();
            return new TabularReader(document, header, Rest(rows), "xlsx");
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static IEnumerable<SourceRow> Rest(IEnumerator<SourceRow> rows)
    {
        using (rows)
        {
            while (rows.MoveNext()) yield return rows.Current;
        }
    }

    // A workbook is a zip: refuse one whose parts would inflate past the limit, or inflate a thousandfold
    // (a "zip bomb"), before any part is decompressed.
    private static void CheckPackage(Stream stream, long maxUncompressed)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            var workbook = false;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (entry.FullName.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase)) workbook = true;
                if (total > maxUncompressed || (entry.Length > 1_000_000 && entry.Length > 1000 * Math.Max(1, entry.CompressedLength)))
                    throw new ImportFileException($"The workbook would inflate to more than {maxUncompressed / (1024 * 1024)} MB or a thousand times its size (part {entry.FullName}); it is refused as a zip bomb.");
            }
            if (!workbook) throw new ImportFileException("The file is a zip package but not an XLSX workbook (it has no xl/workbook.xml).");
        }
        catch (InvalidDataException ex)
        {
            throw new ImportFileException("The file starts like a workbook but is not a readable zip package: " + ex.Message);
        }
    }

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var list = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return list;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                list.Add(reader.LoadCurrentElement()?.InnerText ?? "");
        }
        return list;
    }

    private static IEnumerable<SourceRow> SheetRows(WorksheetPart part, List<string> strings)
    {
        using var reader = OpenXmlReader.Create(part);
        var number = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            // The row number is optional in a workbook (r="n"): without it a row is the one after the previous.
            number = row.RowIndex?.Value is { } index ? (int)index : number + 1;
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                while (cells.Count < column) cells.Add("");
                cells.Add(CellText(cell, strings));
            }
            if (cells.TrueForAll(string.IsNullOrWhiteSpace)) continue;
            yield return new SourceRow(number, [.. cells]);
        }
    }

    private static string CellText(Cell cell, List<string> strings)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(cell.CellValue?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count ? strings[i] : "";
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (type == CellValues.Boolean) return cell.CellValue?.Text == "1" ? "TRUE" : "FALSE";
        return cell.CellValue?.Text ?? "";
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
        }
        return index == 0 ? null : index - 1;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text.Trim() : text[..60] + "…";
}
