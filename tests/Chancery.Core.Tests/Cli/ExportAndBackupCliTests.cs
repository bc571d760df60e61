using Chancery.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Chancery.Core.Tests.Cli;

/// <summary>`chancery export`, `chancery backup`, and --help and one-line failures on every command, run as processes.</summary>
public sealed class ExportAndBackupCliTests : IDisposable
{
    private readonly ChanceryProcess _cli = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("chancery-export-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string FileIn(string name) => Path.Combine(_directory, name);

    [Fact]
    public async Task ExportAlertsWritesAWorkbookWithTheFiltersAppliedAndMissionListACsv()
    {
        Assert.Equal(0, (await _cli.RunAsync("demo", "seed", "--connection-string", _cli.SqliteConnection)).ExitCode);

        var xlsx = await _cli.RunAsync("export", "alerts", "--as-of", "2021-08-15", "--severity", "Critical", "--format", "xlsx", "--output", FileIn("alerts.xlsx"), "--connection-string", _cli.SqliteConnection);
        var csv = await _cli.RunAsync("export", "mission-list", "--sending", "RU", "--output", FileIn("missions.csv"), "--connection-string", _cli.SqliteConnection);
        var badFormat = await _cli.RunAsync("export", "alerts", "--format", "pdf", "--output", FileIn("x.pdf"), "--connection-string", _cli.SqliteConnection);

        Assert.Equal((0, 0), (xlsx.ExitCode, csv.ExitCode));
        var sheet = WorkbookSheet.Read(FileIn("alerts.xlsx"));
        var severities = sheet.Values("Severity");
        Assert.Equal("alerts", sheet.Name);
        Assert.NotEmpty(severities);
        Assert.All(severities, s => Assert.Equal("Critical", s));
        Assert.Contains($"Wrote {severities.Count} row(s)", xlsx.Stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(FileIn("missions.csv"));
        Assert.StartsWith("Mission,Sending state,Receiving state", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Contains(",RU,", l, StringComparison.Ordinal));
        Assert.NotEqual(0, badFormat.ExitCode);
        Assert.Contains("--format 'pdf' is not known", Assert.Single(badFormat.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(File.Exists(FileIn("x.pdf")));
    }

    [Fact]
    public async Task SqliteBackupOpensAsADatabaseWithTheSameRowsAndIsNotOverwritten()
    {
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--connection-string", _cli.SqliteConnection)).ExitCode);
        Assert.Equal(0, (await _cli.RunWithInputAsync("quiet ember orchard 77", "users", "add", "--email", "chief@example.org", "--role", "Administrator", "--connection-string", _cli.SqliteConnection)).ExitCode);
        var target = FileIn("backup.db");

        var backup = await _cli.RunAsync("backup", "--output", target, "--connection-string", _cli.SqliteConnection);
        var again = await _cli.RunAsync("backup", "--output", target, "--connection-string", _cli.SqliteConnection);

        Assert.Equal(0, backup.ExitCode);
        foreach (var table in new[] { "States", "AspNetUsers", "AuditEntries", "__EFMigrationsHistory" })
            Assert.Equal(Count(_cli.SqliteConnection, table), Count($"Data Source={target}", table));
        Assert.Equal((1L, true), (Count($"Data Source={target}", "AspNetUsers"), Count($"Data Source={target}", "States") > 200));
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("already exists", Assert.Single(again.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgresBackupPrintsThePgDumpCommandWithoutThePassword()
    {
        var result = await _cli.RunAsync("backup", "--output", FileIn("chancery.dump"), "--database-provider", "Postgres",
            "--connection-string", "Host=db.example.org;Port=5433;Username=chancery;Password=s3cret-word;Database=registry");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("pg_dump --format=custom --host=db.example.org --port=5433 --username=chancery --dbname=registry --file=", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCommandHasHelpAndFailsWithANonZeroExitAndOneLineReason()
    {
        var leaves = new List<string[]>();
        var help = new List<string>();
        async Task Walk(string[] path)
        {
            var result = await _cli.RunAsync([.. path, "--help"]);
            if (result.ExitCode != 0 || !result.Stdout.Contains("Usage:", StringComparison.Ordinal)) help.Add(string.Join(' ', path));
            var children = Subcommands(result.Stdout);
            if (children.Count == 0) leaves.Add(path);
            foreach (var child in children) await Walk([.. path, child]);
        }
        await Walk([]);

        var wrong = new List<string>();
        foreach (var leaf in leaves)
        {
            // A database provider that does not exist: every command must say so in one line and exit non-zero.
            var result = await _cli.RunWithInputAsync("", [.. leaf, "--database-provider", "Oracle"]);
            var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (result.ExitCode == 0 || lines.Length != 1 || !lines[0].StartsWith("chancery: ", StringComparison.Ordinal))
                wrong.Add($"{string.Join(' ', leaf)}: exit {result.ExitCode}, stderr {result.Stderr}");
        }

        Assert.Empty(help);
        Assert.True(leaves.Count >= 20, $"only {leaves.Count} commands found");
        Assert.Contains(leaves, l => l.SequenceEqual(["export", "alerts"]));
        Assert.Contains(leaves, l => l.SequenceEqual(["backup"]));
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    // The names listed under "Commands:" in a help text.
    private static List<string> Subcommands(string helpText)
    {
        var names = new List<string>();
        var inCommands = false;
        foreach (var line in helpText.Split('\n'))
        {
            if (line.StartsWith("Commands:", StringComparison.Ordinal)) { inCommands = true; continue; }
            if (!inCommands) continue;
            if (line.Trim().Length == 0 || !line.StartsWith("  ", StringComparison.Ordinal)) break;
            var name = line.Trim().Split(' ', 2)[0];
            if (name.Length > 0) names.Add(name);
        }
        return names;
    }

    private static long Count(string connectionString, string table)
    {
        using var connection = new SqliteConnection(connectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }
}
