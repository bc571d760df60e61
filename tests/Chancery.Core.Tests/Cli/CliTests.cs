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

    [Fact]
    public async Task TravelRiskOfTheDemoCountsAboutSixtyStaffAndListsOneMissionsPeopleAsCsv()
    {
        var seed = await _cli.RunAsync("demo", "seed", "--connection-string", _cli.SqliteConnection);
        var json = await _cli.RunAsync("travel-risk", "--as-of", "2021-08-15", "--format", "json", "--connection-string", _cli.SqliteConnection);
        var table = await _cli.RunAsync("travel-risk", "--as-of", "2021-08-15", "--return-by", "2021-09-14", "--connection-string", _cli.SqliteConnection);

        Assert.Equal((0, 0, 0), (seed.ExitCode, json.ExitCode, table.ExitCode));
        using var report = JsonDocument.Parse(json.Stdout);
        Assert.Equal("2021-09-14", report.RootElement.GetProperty("returnBy").GetString());
        var washington = report.RootElement.GetProperty("missions").EnumerateArray()
            .Single(m => m.GetProperty("label").GetString() == "Embassy of Russia in Washington");
        Assert.InRange(washington.GetProperty("staffAtRisk").GetInt32(), 40, 65);
        Assert.Contains("staff cannot travel on 2021-08-15 and come back by 2021-09-14", table.Stdout, StringComparison.Ordinal);

        var csv = await _cli.RunAsync("travel-risk", "--as-of", "2021-08-15", "--mission", washington.GetProperty("missionId").GetString()!, "-f", "csv", "--connection-string", _cli.SqliteConnection);

        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Name,Staff or family,Visa,Valid until,Reasons", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("\"Sokolov, Dmitriy\",staff,A-1,2021-09-03,", StringComparison.Ordinal));
        Assert.Equal(washington.GetProperty("totalAtRisk").GetInt32() + 1, lines.Length);
    }

    [Fact]
    public async Task TravelRiskWithAMalformedDateExitsNonZeroNamingTheOption()
    {
        await _cli.RunAsync("db", "migrate", "--connection-string", _cli.SqliteConnection);

        var result = await _cli.RunAsync("travel-risk", "--return-by", "14/09/2021", "--connection-string", _cli.SqliteConnection);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--return-by '14/09/2021'", Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
