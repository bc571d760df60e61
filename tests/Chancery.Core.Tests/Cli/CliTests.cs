using System.Text.Json;

namespace Chancery.Core.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly ChanceryProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task HelpExitsZeroAndListsTheCommands()
    {
        var result = await _cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "db", "demo", "missions", "people", "states" })
            Assert.Contains(command, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpWorksOnSubcommands()
    {
        var result = await _cli.RunAsync("missions", "list", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--format", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateThenListMissionsAsJsonAndStatesAsCsv()
    {
        var migrate = await _cli.RunAsync("db", "migrate", "--connection-string", _cli.SqliteConnection);
        var missions = await _cli.RunAsync("missions", "list", "--format", "json", "--connection-string", _cli.SqliteConnection);
        var states = await _cli.RunAsync("states", "list", "-f", "csv", "--connection-string", _cli.SqliteConnection);

        Assert.Equal((0, 0, 0), (migrate.ExitCode, missions.ExitCode, states.ExitCode));
        using var json = JsonDocument.Parse(missions.Stdout);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal("", missions.Stderr);
        // db migrate loaded the ISO list.
        Assert.StartsWith("Code,Alpha3,Name", states.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nFR,FRA,France,", states.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFormatExitsNonZeroWithOneLine()
    {
        var result = await _cli.RunAsync("missions", "list", "--format", "xml", "--connection-string", _cli.SqliteConnection);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--format 'xml'", line, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task UnknownProviderExitsNonZeroWithOneLineAndNoStackTrace()
    {
        var result = await _cli.RunAsync("db", "migrate", "--database-provider", "Oracle");

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Oracle", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListingBeforeMigratingSaysToMigrate()
    {
        var result = await _cli.RunAsync("missions", "list", "--connection-string", _cli.SqliteConnection);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("chancery db migrate", result.Stderr, StringComparison.Ordinal);
    }
}
