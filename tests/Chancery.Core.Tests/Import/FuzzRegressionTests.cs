using System.Text;
using Chancery.Core.Import;
using Chancery.Tests.Shared;

namespace Chancery.Core.Tests.Import;

/// <summary>
/// Every input with which scripts/fuzz made a reader throw something other than its refusal, kept as a file under
/// Import/FuzzCrashes/&lt;target&gt;/ and read the way the fuzzing target reads it: each is now refused cleanly, with an
/// <see cref="ImportFileException"/> saying why.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static string Folder(string target) => Path.Combine(AppContext.BaseDirectory, "Import", "FuzzCrashes", target);

    public static TheoryData<string, string> Crashes()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in new[] { "csv", "xlsx", "sheet", "mapper" })
        {
            if (!Directory.Exists(Folder(target))) continue;
            foreach (var file in Directory.GetFiles(Folder(target)).Order(StringComparer.Ordinal)) data.Add(target, Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void EveryKeptCrashIsReplayed() => Assert.NotEmpty(Crashes());

    [Theory, MemberData(nameof(Crashes))]
    public void AFileThatOnceCrashedAReaderIsNowRefusedWithAReason(string target, string name)
    {
        var input = File.ReadAllBytes(Path.Combine(Folder(target), name));

        var refusal = Assert.Throws<ImportFileException>(() => ReadAsTheFuzzerDoes(target, input));

        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
    }

    // As fuzz/Chancery.Fuzz reads each target's input: csv and xlsx are files; sheet is a worksheet part (then, after a
    // NUL byte, a shared strings part) packed into a workbook; mapper is a mapping (JSON), a NUL byte, then a CSV file.
    private static void ReadAsTheFuzzerDoes(string target, byte[] input)
    {
        var nul = Array.IndexOf(input, (byte)0);
        var (head, tail) = nul < 0 ? (input, null) : (input[..nul], input[(nul + 1)..]);
        switch (target)
        {
            case "csv":
            case "xlsx":
                ReadAll(input, "input." + target);
                break;
            case "sheet":
                ReadAll(HostileWorkbook.Build(Encoding.UTF8.GetString(head), tail is null ? null : Encoding.UTF8.GetString(tail)), "input.xlsx");
                break;
            default:
                var mapping = MappingDefinition.FromJson(Encoding.UTF8.GetString(head));
                using (var reader = TabularReader.Open(new MemoryStream(tail ?? []), "input.csv", new SourceOptions()))
                {
                    foreach (var kind in new[] { ImportTarget.People, ImportTarget.Missions })
                        _ = new MappedColumns(reader.Header, mapping, kind);
                }
                break;
        }
    }

    private static void ReadAll(byte[] file, string name)
    {
        using var reader = TabularReader.Open(new MemoryStream(file), name, new SourceOptions());
        foreach (var _ in reader.Rows())
        {
        }
    }
}
