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

    [Theory]
    [InlineData("missions", "list", "--help")]
    [InlineData("people", "search", "--help")]
    [InlineData("db", "migrate", "--help")]
    public async Task HelpWorksOnSubcommands(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateThenListMissionsAsJsonPrintsValidJson()
    {
        var migrate = await _cli.RunAsync("db", "migrate", "--connection-string", _cli.SqliteConnection);
        var list = await _cli.RunAsync("missions", "list", "--format", "json", "--connection-string", _cli.SqliteConnection);

        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal(0, list.ExitCode);
        using var json = JsonDocument.Parse(list.Stdout);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal("", list.Stderr);
    }

    [Fact]
    public async Task StatesListAsCsvHasTheIsoCodes()
    {
        await _cli.RunAsync("db", "migrate", "--connection-string", _cli.SqliteConnection);

        var result = await _cli.RunAsync("states", "list", "-f", "csv", "--connection-string", _cli.SqliteConnection);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Code,Alpha3,Name", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nFR,FRA,France,", result.Stdout, StringComparison.Ordinal);
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
