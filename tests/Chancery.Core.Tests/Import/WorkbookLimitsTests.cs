using System.Text;
using Chancery.Core.Export;
using Chancery.Core.Import;
using Chancery.Tests.Shared;
using static Chancery.Tests.Shared.HostileWorkbook;

namespace Chancery.Core.Tests.Import;

/// <summary>
/// The workbook reader under its limits: each hostile workbook (built here, part by part) is refused with an
/// <see cref="ImportFileException"/> saying why, and an ordinary one still reads row by row.
/// </summary>
public sealed class WorkbookLimitsTests
{
    private static (string[] Header, List<SourceRow> Rows) Read(byte[] file, SourceOptions? options = null)
    {
        using var reader = TabularReader.Open(new MemoryStream(file), "file.xlsx", options ?? new SourceOptions());
        return ([.. reader.Header], [.. reader.Rows()]);
    }

    private static string Refusal(byte[] file, SourceOptions? options = null) =>
        Assert.Throws<ImportFileException>(() => Read(file, options)).Message;

    [Fact]
    public void AnOrdinaryWorkbookReadsItsHeaderAndRowsWithTheirNumbers()
    {
        var (header, rows) = Read(Build(Sheet(MissionRows("Oslo") + $"""<row r="5">{Inline("C5", "Bergen")}</row>""")));

        Assert.Equal(["sendingState", "receivingState", "city", "kind"], header);
        Assert.Equal([2, 5], rows.Select(r => r.Number));
        Assert.Equal(["RU", "US", "Oslo", "Embassy"], rows[0].Cells);
        Assert.Equal(["", "", "Bergen"], rows[1].Cells);
    }

    [Fact]
    public void RowsAndCellsWithoutReferencesCountOnFromTheOneBefore()
    {
        var own = new MemoryStream();
        TableWriter.WriteXlsx(new ExportTable("t", ["a", "b"], [["x", 1], ["y", 2]]), own);
        var (_, exported) = Read(own.ToArray());
        var (_, unnumbered) = Read(Build(Sheet($"<row>{Inline("A1", "a")}</row><row><c><v>1</v></c><c/><c><v>3</v></c></row><row r=\"7\"><c><v>2</v></c></row><row><c><v>3</v></c></row>")));

        Assert.Equal([2, 3], exported.Select(r => r.Number));
        Assert.Equal([2, 7, 8], unnumbered.Select(r => r.Number));
        Assert.Equal(["1", "", "3"], unnumbered[0].Cells);
    }

    [Fact]
    public void SharedStringsJoinRichTextRunsAndLeaveOutPhoneticGuides()
    {
        var table = """<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>city</t></si><si><r><t>Tok</t></r><r><t>yo</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>""";

        var (header, rows) = Read(Build(Sheet("""<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>"""), table));

        Assert.Equal(["city"], header);
        Assert.Equal("Tokyo", Assert.Single(Assert.Single(rows).Cells));
    }

    [Fact]
    public void ACellAtColumnZzzzzzIsRefusedAsPastTheLastColumn() =>
        Assert.Contains("past column XFD", Refusal(CellAtColumnZzzzzz("Oslo")), StringComparison.Ordinal);

    [Fact]
    public void AValuePastTheColumnsReadIsRefusedNamingItsColumnWhileEmptyFormattedCellsThereAreIgnored()
    {
        var far = Refusal(Build(Sheet(MissionRows("Oslo", Inline("AMK2", "x")))));
        var (_, rows) = Read(Build(Sheet(MissionRows("Oslo", """<c r="XFD2" s="1"/>"""))));

        Assert.Contains("Row 2: a value in column AMK lies past the 1,024 columns read", far, StringComparison.Ordinal);
        Assert.Equal(4, Assert.Single(rows).Cells.Length);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1048577")]
    [InlineData("99999999999")]
    [InlineData("-3")]
    public void ARowNumberedOutsideTheRowsAWorkbookCanHaveIsRefused(string number) =>
        Assert.Contains("outside the rows a workbook can have", Refusal(Build(Sheet(MissionRows("Oslo") + $"""<row r="{number}">{Inline("A3", "RU")}</row>"""))), StringComparison.Ordinal);

    [Fact]
    public void AWorkbookWithADocumentTypeDeclarationIsRefused() =>
        Assert.Contains("document type declaration (DTD)", Refusal(WithDtd("Oslo")), StringComparison.Ordinal);

    [Fact]
    public void AWorkbookWithAnExternalEntityIsRefusedWithoutReadingTheFile()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "passport 123");
        try
        {
            var file = Build(Sheet(MissionRows("&xxe;"), $"""<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://{secret}">]>"""));

            Assert.Contains("DTD", Refusal(file), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void APartThatInflatesAHundredfoldIsRefusedAsAZipBombBeforeItIsRead() =>
        Assert.Contains("zip bomb", Refusal(ZipBomb("Oslo", megabytes: 20)), StringComparison.Ordinal);

    [Fact]
    public void AWorkbookWhoseZipDirectoryUnderstatesAPartIsStoppedAtTheLimitWhileTheSheetIsRead()
    {
        // 3 MB of spaces inside the sheet, declared in the zip directory as 3,000 bytes: only reading the part shows its size.
        var sheet = Sheet(MissionRows("Oslo") + $"<row r=\"3\">{Inline("A3", "RU")}</row>").Replace("<sheetData>", "<sheetData>" + new string(' ', 3_000_000), StringComparison.Ordinal);
        var file = Understate(Build(sheet), "xl/worksheets/sheet1.xml", 3_000);

        var message = Refusal(file, new SourceOptions { MaxUncompressedBytes = 1_000_000 });

        Assert.True(message.Contains("zip bomb", StringComparison.Ordinal) || message.Contains("not a readable", StringComparison.Ordinal), message);
    }

    [Fact]
    public void AWorkbookWithMorePartsThanTheLimitIsRefused() =>
        Assert.Contains("1,001 parts", Refusal(ManyParts("Oslo", 1_001 - 5)), StringComparison.Ordinal);

    [Fact]
    public void ASharedStringsTableOverTheLimitsIsRefused()
    {
        var count = Refusal(HugeSharedStrings("Oslo", padding: 20), new SourceOptions { MaxSharedStrings = 10 });
        var characters = Refusal(Build(Sheet(MissionRows("Oslo")), SharedStrings(Enumerable.Repeat(new string('x', 60), 3))), new SourceOptions { MaxSharedStringCharacters = 100 });

        Assert.Contains("shared strings table has more than 10 entries", count, StringComparison.Ordinal);
        Assert.Contains("shared strings hold more than 100 characters", characters, StringComparison.Ordinal);
    }

    [Fact]
    public void AHugeSharedStringsTableAtTheDefaultLimitsIsRefused() =>
        Assert.Contains("refused", Refusal(HugeSharedStrings("Oslo", padding: 2_100_000)), StringComparison.Ordinal);

    [Fact]
    public void MoreCellsThanTheLimitAreRefused() =>
        Assert.Contains("more than 5 cells", Refusal(Build(Sheet(MissionRows("Oslo"))), new SourceOptions { MaxCells = 5 }), StringComparison.Ordinal);

    [Fact]
    public void ACellReferringToASharedStringTheWorkbookLacksIsRefused() =>
        Assert.Contains("Row 1: a cell refers to shared string '7'", Refusal(Build(Sheet("""<row r="1"><c r="A1" t="s"><v>7</v></c></row>"""), SharedStrings(["a"]))), StringComparison.Ordinal);

    [Fact]
    public void ACellLongerThanASpreadsheetCellCanBeIsRefused() =>
        Assert.Contains("32,767", Refusal(Build(Sheet(MissionRows(new string('x', 40_000))))), StringComparison.Ordinal);

    [Fact]
    public void AFirstSheetThatIsNotAWorksheetIsRefused()
    {
        var file = Build(Sheet(MissionRows("Oslo")));
        var broken = Rewrite(file, "xl/_rels/workbook.xml.rels", t => t.Replace("rId1", "rId9", StringComparison.Ordinal));

        Assert.Contains("not a worksheet", Refusal(broken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("65000")]
    [InlineData("ibm037")]
    [InlineData("klingon")]
    public void AnEncodingOutsideTheSupportedListIsRefusedNamingTheList(string encoding)
    {
        var csv = Encoding.UTF8.GetBytes("city\nOslo\n");

        var csvError = Assert.Throws<ImportFileException>(() => TabularReader.Open(new MemoryStream(csv), "file.csv", new SourceOptions(Encoding: encoding))).Message;
        var xlsxError = Assert.Throws<ImportFileException>(() => Read(Build(Sheet(MissionRows("Oslo"))), new SourceOptions(Encoding: encoding))).Message;

        Assert.Contains($"Encoding '{encoding}' is not supported; use one of utf-8, utf-16,", csvError, StringComparison.Ordinal);
        Assert.Contains("windows-1251", csvError, StringComparison.Ordinal);
        Assert.Equal(csvError, xlsxError);
    }

    [Theory]
    [InlineData("windows-1251")]
    [InlineData("1251")]
    [InlineData("x-cp1251")]
    public void ASupportedEncodingIsTakenByNameOrCodePage(string encoding)
    {
        using var reader = TabularReader.Open(new MemoryStream(Encoding.GetEncoding(1251).GetBytes("город\nМосква\n")), "file.csv", new SourceOptions(Encoding: encoding));

        Assert.Equal("Москва", Assert.Single(Assert.Single(reader.Rows()).Cells));
    }

    // The zip directory's uncompressed size of one entry replaced by a smaller claim (the local header is left alone).
    private static byte[] Understate(byte[] zip, string entry, uint claimed)
    {
        var name = Encoding.UTF8.GetBytes(entry);
        for (var i = zip.Length - 46; i >= 0; i--)
        {
            if (zip[i] != 0x50 || zip[i + 1] != 0x4b || zip[i + 2] != 1 || zip[i + 3] != 2) continue;
            var nameLength = BitConverter.ToUInt16(zip, i + 28);
            if (nameLength == name.Length && zip.AsSpan(i + 46, nameLength).SequenceEqual(name))
            {
                BitConverter.GetBytes(claimed).CopyTo(zip, i + 24);
                return zip;
            }
        }
        throw new InvalidOperationException($"No {entry} in the zip directory.");
    }

    private static byte[] Rewrite(byte[] file, string entry, Func<string, string> change)
    {
        var buffer = new MemoryStream();
        buffer.Write(file);
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var old = zip.GetEntry(entry)!;
            string text;
            using (var reader = new StreamReader(old.Open())) text = reader.ReadToEnd();
            old.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
            writer.Write(change(text));
        }
        return buffer.ToArray();
    }
}
