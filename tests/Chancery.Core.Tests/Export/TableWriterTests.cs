using System.Globalization;
using System.Text;
using Chancery.Core.Export;
using Chancery.Tests.Shared;
using CsvHelper;

namespace Chancery.Core.Tests.Export;

public sealed class TableWriterTests
{
    private sealed record Row(string Name, DateOnly Due, int Count, decimal? Rate);

    private static readonly TableExport<Row> Shape = new("sample",
    [
        new("Name", r => r.Name),
        new("Due", r => r.Due),
        new("Count", r => r.Count),
        new("Rate", r => r.Rate),
    ]);

    private static readonly string[] Dangerous = ["=HYPERLINK(\"http://x\")", "+1+2", "-3+4", "@SUM(A1)", "\tTab", "\rReturn"];

    private static ExportTable Sample() => Shape.Build(
        Dangerous.Select((text, i) => new Row(text, new DateOnly(2021, 9, 3).AddDays(i), -i, i == 0 ? null : 0.25m * i)).Prepend(new Row("Ана Ivanova", new DateOnly(2021, 9, 3), 7, 0.5m)));

    [Fact]
    public void CsvCellsThatLookLikeFormulasStartWithAnApostropheAndNumbersStayNumbers()
    {
        var bytes = TableWriter.ToBytes(Sample(), ExportFormat.Csv);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        using var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add([.. Enumerable.Range(0, 4).Select(i => reader.GetField(i)!)]);

        Assert.Equal(["Name", "Due", "Count", "Rate"], rows[0]);
        Assert.Equal(["Ана Ivanova", "2021-09-03", "7", "0.5"], rows[1]);
        Assert.Equal(Dangerous.Select(d => "'" + d), rows.Skip(2).Select(r => r[0]));
        Assert.Equal("-1", rows[3][2]);
    }

    [Fact]
    public void XlsxCellsThatLookLikeFormulasAreTextWithAnApostropheDatesAreDatesAndNumbersNumbers()
    {
        var sheet = WorkbookSheet.Read(TableWriter.ToBytes(Sample(), ExportFormat.Xlsx));

        Assert.Equal("sample", sheet.Name);
        Assert.True(sheet.FrozenHeader);
        Assert.True(sheet.BoldHeader);
        Assert.Equal(["Name", "Due", "Count", "Rate"], sheet.Rows[0].Select(c => c.Text));
        Assert.Equal("Ана Ivanova", sheet.Cell(2, 1).Text);
        Assert.Equal(SheetCellKind.Date, sheet.Cell(2, 2).Kind);
        Assert.Equal(new DateTime(2021, 9, 3), sheet.Cell(2, 2).Date);
        Assert.Equal((SheetCellKind.Number, 7d), (sheet.Cell(2, 3).Kind, sheet.Cell(2, 3).Number!.Value));
        Assert.Equal(0.5, sheet.Cell(2, 4).Number);
        Assert.Equal(-1, sheet.Cell(4, 3).Number);
        for (var i = 0; i < Dangerous.Length; i++)
        {
            var cell = sheet.Cell(i + 3, 1);
            Assert.False(cell.HasFormula, $"row {i + 3} became a formula");
            Assert.Equal(SheetCellKind.Text, cell.Kind);
            // XML reads a lone carriage return back as a line feed; the apostrophe in front is what matters.
            Assert.Equal(("'" + Dangerous[i]).ReplaceLineEndings("\n"), cell.Text.ReplaceLineEndings("\n"));
        }
        Assert.Equal(SheetCellKind.Empty, sheet.Cell(3, 4).Kind);
        Assert.Equal(Dangerous.Length + 2, sheet.Rows.Count);
    }

    [Fact]
    public void XlsxWritesBooleansAsBooleansAndTextThatLooksLikeANumberAsText()
    {
        var table = new ExportTable("mixed", ["Passport", "Active"], [["0123", true], ["4.5", false]]);

        var sheet = WorkbookSheet.Read(TableWriter.ToBytes(table, ExportFormat.Xlsx));

        Assert.Equal((SheetCellKind.Text, "0123"), (sheet.Cell(2, 1).Kind, sheet.Cell(2, 1).Text));
        Assert.Equal((SheetCellKind.Text, "4.5"), (sheet.Cell(3, 1).Kind, sheet.Cell(3, 1).Text));
        Assert.Equal((SheetCellKind.Boolean, "TRUE"), (sheet.Cell(2, 2).Kind, sheet.Cell(2, 2).Text));
        Assert.Equal("FALSE", sheet.Cell(3, 2).Text);
    }

    [Fact]
    public void FileNameCarriesTheListTheDateAndTheExtension() =>
        Assert.Equal(("alerts-2021-08-15.xlsx", "missions.csv"),
            (TableWriter.FileName("alerts", new DateOnly(2021, 8, 15), ExportFormat.Xlsx), TableWriter.FileName("missions", null, ExportFormat.Csv)));
}
