using System.Diagnostics;
using System.Globalization;
using Chancery.Core.Import;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Benchmarks;

/// <summary>
/// <c>import --xlsx [--xlsx-rows 60000] [--reader-only] [--formatted-rows]</c>: writes a people workbook the way a spreadsheet saves one (text in the shared
/// strings table, dates as date numbers; about 4.5 MB for 60,000 rows), imports it through <see cref="ImportService"/> as a
/// dry run into a fresh SQLite database (or only reads its rows, <c>--reader-only</c>; <c>--formatted-rows</c> adds an empty
/// cell at column XFD to every row, as a spreadsheet saves rows formatted to the end), and prints how far the process's working set and managed heap rose above where
/// they stood before the import (sampled every 10 ms), with the wall time. Run it in its own process: the figures are
/// the rise, so nothing else may run alongside.
/// </summary>
internal static class XlsxImportBench
{
    private static readonly string[] Header =
    [
        "familyName", "givenNames", "familyNameLatin", "givenNamesLatin", "dateOfBirth", "nationality", "gender", "passportNumber",
        "passportType", "passportIssuingState", "passportExpiresOn", "visaIssuingState", "visaCategory", "visaNumber", "visaIssuedOn",
        "visaValidFrom", "visaValidUntil", "visaEntries",
    ];

    public static async Task<int> RunAsync(int rows, bool readerOnly, bool formattedRows)
    {
        var data = BenchHost.DataDirectory();
        Directory.CreateDirectory(data);
        var file = Generate(data, rows, formattedRows);
        Console.WriteLine($"Workbook: {rows:N0} people rows, {new FileInfo(file).Length / 1048576.0:0.0} MiB ({file})");
        var db = Path.Combine(Path.GetTempPath(), $"chancery-xlsx-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var services = BenchHost.Services(db);
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<Chancery.Core.Data.DatabaseInitializer>().InitializeAsync().ConfigureAwait(false);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.WorkingSet64;
            var heapBefore = GC.GetTotalMemory(true);
            long peak = before;
            long heapPeak = heapBefore;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                    heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                    try { await Task.Delay(10, sampling.Token).ConfigureAwait(false); } catch (OperationCanceledException) { break; }
                }
            });
            var watch = Stopwatch.StartNew();
            string summary;
            try
            {
                await using var scope = services.CreateAsyncScope();
                var stream = File.OpenRead(file);
                await using (stream.ConfigureAwait(false))
                {
                    if (readerOnly)
                    {
                        using var reader = TabularReader.Open(stream, file, new SourceOptions());
                        summary = $"{reader.Rows().Count():N0} rows read (reader only)";
                    }
                    else
                    {
                        var report = await scope.ServiceProvider.GetRequiredService<ImportService>()
                            .ImportAsync(stream, Path.GetFileName(file), new ImportRequest(ImportTarget.People, DryRun: true), default).ConfigureAwait(false);
                        summary = report.Summary;
                    }
                }
            }
            catch (Exception ex) when (ex is ImportFileException or OutOfMemoryException)
            {
                summary = $"{ex.GetType().Name}: {ex.Message}";
            }
            var wall = watch.Elapsed;
            await sampling.CancelAsync().ConfigureAwait(false);
            await sampler.ConfigureAwait(false);
            Console.WriteLine($"Import (dry run): {summary}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{wall.TotalSeconds:0.00} s wall; working set {before / 1048576.0:0} MiB before, peak {peak / 1048576.0:0} MiB, rise {(peak - before) / 1048576.0:0} MiB; managed heap rise {(heapPeak - heapBefore) / 1048576.0:0} MiB"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
        }
        return 0;
    }

    // Text goes to the shared strings table as a spreadsheet saves it; dates are date numbers (days since 1899-12-30).
    private static string Generate(string directory, int count, bool formattedRows)
    {
        var path = Path.Combine(directory, $"import-people-{count}{(formattedRows ? "-formatted" : "")}.xlsx");
        if (File.Exists(path)) return path;
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        int Shared(string text)
        {
            if (!strings.TryGetValue(text, out var i)) strings[text] = i = strings.Count;
            return i;
        }
        string[] family = ["Иванов", "Петрова", "Смирнов", "Кузнецова", "Попов"];
        string[] latin = ["Ivanov", "Petrova", "Smirnov", "Kuznetsova", "Popov"];
        using (var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, 1, false, [.. Header.Select(h => (object)Shared(h))]);
                for (var i = 0; i < count; i++)
                {
                    var born = new DateOnly(1960, 1, 1).AddDays(i % 12000);
                    WriteRow(writer, i + 2, formattedRows,
                    [
                        Shared(family[i % 5]), Shared($"Анна {i}"), Shared(latin[i % 5]), Shared($"Anna {i}"), Serial(born), Shared("RU"),
                        Shared(i % 2 == 0 ? "Female" : "Male"), Shared($"B{i:D8}"), Shared("Diplomatic"), Shared("RU"), Serial(new DateOnly(2030, 1, 1)),
                        Shared("US"), Shared("A-1"), Shared($"V{i:D9}"), Serial(new DateOnly(2020, 12, 15)), Serial(new DateOnly(2021, 1, 1)),
                        Serial(new DateOnly(2023, 12, 31)), Shared("Multiple"),
                    ]);
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            var table = workbook.AddNewPart<SharedStringTablePart>();
            using (var writer = OpenXmlWriter.Create(table))
            {
                writer.WriteStartElement(new SharedStringTable { Count = (uint)strings.Count, UniqueCount = (uint)strings.Count });
                foreach (var text in strings.OrderBy(s => s.Value).Select(s => s.Key))
                    writer.WriteElement(new SharedStringItem(new Text(text)));
                writer.WriteEndElement();
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "People", SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
            workbook.Workbook.Save();
        }
        return path;
    }

    private static double Serial(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToOADate();

    // An int is a shared string's index; a double a number.
    // A formatted row also carries an empty cell in the last column, XFD, as a spreadsheet writes a row formatted to the end.
    private static void WriteRow(OpenXmlWriter writer, int number, bool formatted, object[] values)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)number });
        for (var c = 0; c < values.Length; c++)
        {
            var reference = ((char)('A' + c)).ToString() + number.ToString(CultureInfo.InvariantCulture);
            writer.WriteElement(values[c] is int index
                ? new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)) }
                : new Cell { CellReference = reference, CellValue = new CellValue(((double)values[c]).ToString(CultureInfo.InvariantCulture)) });
        }
        if (formatted) writer.WriteElement(new Cell { CellReference = "XFD" + number.ToString(CultureInfo.InvariantCulture), StyleIndex = 0 });
        writer.WriteEndElement();
    }
}
