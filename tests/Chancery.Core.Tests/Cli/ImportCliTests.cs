namespace Chancery.Core.Tests.Cli;

public sealed class ImportCliTests : IDisposable
{
    private readonly ChanceryProcess _cli = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("chancery-import-cli-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task MissionsImportAfterADryRunAndTheirExportImportsBackUnchanged()
    {
        var c = _cli.SqliteConnection;
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--connection-string", c)).ExitCode);
        var file = Write("missions.csv", "sendingState;receivingState;city;kind\nFR;DE;Berlin;Embassy\nFR;DE;Munich;ConsulateGeneral\n");
        var workbook = Path.Combine(_directory, "missions.xlsx");

        var dry = await _cli.RunAsync("import", file, "--target", "missions", "--dry-run", "--connection-string", c);
        var real = await _cli.RunAsync("import", file, "--target", "missions", "--connection-string", c);
        var export = await _cli.RunAsync("export", "missions", "--format", "xlsx", "--output", workbook, "--connection-string", c);
        var again = await _cli.RunAsync("import", workbook, "--target", "missions", "--connection-string", c);

        Assert.Equal((0, 0, 0, 0), (dry.ExitCode, real.ExitCode, export.ExitCode, again.ExitCode));
        Assert.Contains("2 row(s): 2 created", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("dry run, nothing written", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 created", real.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 created, 0 updated, 2 unchanged", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsPrintedAsCsvNeutraliseFormulaLikeTextButNotNegativeNumbers()
    {
        var c = _cli.SqliteConnection;
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--connection-string", c)).ExitCode);
        var file = Write("missions.csv", "sendingState;receivingState;city;kind\nFR;DE;=Berlin+1;Embassy\n");
        Assert.Equal(0, (await _cli.RunAsync("import", file, "--target", "missions", "--connection-string", c)).ExitCode);

        var list = await _cli.RunAsync("missions", "list", "--format", "csv", "--connection-string", c);

        Assert.Equal(0, list.ExitCode);
        Assert.Contains(",'=Berlin+1,", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(",=Berlin+1,", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostileWorkbookExitsNonZeroSayingWhyAndWritesNothing()
    {
        var c = _cli.SqliteConnection;
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--connection-string", c)).ExitCode);
        var file = Path.Combine(_directory, "hostile.xlsx");
        await File.WriteAllBytesAsync(file, Chancery.Tests.Shared.HostileWorkbook.CellAtColumnZzzzzz("Hostileville"));

        var result = await _cli.RunAsync("import", file, "--target", "missions", "--connection-string", c);
        var list = await _cli.RunAsync("missions", "list", "--format", "csv", "--connection-string", c);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("past column XFD", Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.DoesNotContain("Hostileville", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARejectedRowExitsNonZeroWithOneLineAndListsTheRow()
    {
        var c = _cli.SqliteConnection;
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--connection-string", c)).ExitCode);
        var file = Write("missions.csv", "sendingState,receivingState,city,kind\nFR,DE,Berlin,Embassy\nFR,FR,Paris,Embassy\n");

        var result = await _cli.RunAsync("import", file, "--target", "missions", "--connection-string", c);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 row(s) rejected; nothing written", line, StringComparison.Ordinal);
        Assert.Contains("row 3\treceivingState\tThe sending and receiving state are both FR", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEmbassiesExcerptImportsThroughItsMappingLeavingOutTheRowsItCannotTake()
    {
        var c = _cli.SqliteConnection;
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--connection-string", c)).ExitCode);
        var excerpt = Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures", "embassies-excerpt.csv");

        var result = await _cli.RunAsync("import", excerpt, "--target", "missions", "--mapping", "database-of-embassies", "--skip-rejected", "--connection-string", c);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("80 row(s): 66 created, 0 updated, 0 unchanged, 14 rejected; written, rejected rows left out.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatCannotBeReadExitsNonZeroSayingWhy()
    {
        var c = _cli.SqliteConnection;
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--connection-string", c)).ExitCode);
        var file = Write("people.csv", "familyName,givenNames\nA,B\n");

        var result = await _cli.RunAsync("import", file, "--target", "people", "--connection-string", c);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("lacks the required column(s) 'nationality'", Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
