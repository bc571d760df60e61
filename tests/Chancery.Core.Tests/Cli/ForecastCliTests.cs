using System.Globalization;

namespace Chancery.Core.Tests.Cli;

public sealed class ForecastCliTests : IDisposable
{
    private readonly ChanceryProcess _cli = new();
    private readonly string _csv = Path.Combine(Path.GetTempPath(), $"chancery-forecast-{Guid.NewGuid():N}.csv");

    public void Dispose()
    {
        _cli.Dispose();
        File.Delete(_csv);
    }

    [Fact]
    public async Task ForecastOfTheDemoEmbassyPrintsATableAndWritesTheDailyBandsWithTheDeadlineCliffToCsv()
    {
        var c = _cli.SqliteConnection;
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--connection-string", c)).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("demo", "seed", "--connection-string", c)).ExitCode);
        var missions = await _cli.RunAsync("missions", "list", "--format", "csv", "--connection-string", c);
        var embassy = missions.Stdout.Split('\n').Single(l => l.Contains(",RU,US,Washington,", StringComparison.Ordinal)).Split(',')[0];

        var result = await _cli.RunAsync("forecast", "--mission", embassy, "--from", "2021-08-15", "--days", "90", "--runs", "200", "--seed", "5",
            "--scenario", "stopIssuing=true", "--csv", _csv, "--connection-string", c);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Median", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("stops issuing visas from 2021-08-15", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Diplomatic", result.Stdout, StringComparison.Ordinal);
        var rows = File.ReadAllLines(_csv).Skip(1).Select(l => l.Split(',')).ToList();
        int Median(string day, string category, string forecast) =>
            int.Parse(rows.Single(r => r[0] == day && r[1] == category && r[2] == forecast)[4], CultureInfo.InvariantCulture);
        // The 24 diplomats ordered out by 2021-09-03 are gone the next day, in the baseline and the scenario alike.
        Assert.Equal(24, Median("2021-09-03", "Diplomatic", "baseline") - Median("2021-09-04", "Diplomatic", "baseline"));
        Assert.Equal(24, Median("2021-09-03", "Diplomatic", "scenario") - Median("2021-09-04", "Diplomatic", "scenario"));
        // Below the minimum of 20 diplomats in every run from then on.
        var below = rows.Single(r => r[0] == "2021-09-04" && r[1] == "Diplomatic" && r[2] == "baseline");
        Assert.Equal(("20", "1"), (below[6], below[7]));
        Assert.Equal(90, rows.Count(r => r[1] == "Members" && r[2] == "scenario"));
    }

    [Fact]
    public async Task UnknownScenarioOrOutOfRangeDaysExitNonZeroNamingTheProblem()
    {
        var c = _cli.SqliteConnection;
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--connection-string", c)).ExitCode);

        var scenario = await _cli.RunAsync("forecast", "--mission", Guid.NewGuid().ToString(), "--scenario", "closeEmbassy=true", "--connection-string", c);
        var days = await _cli.RunAsync("forecast", "--mission", Guid.NewGuid().ToString(), "--days", "999", "--connection-string", c);

        Assert.NotEqual(0, scenario.ExitCode);
        Assert.Contains("closeEmbassy=true", scenario.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, days.ExitCode);
        Assert.Contains("days 999 is out of range", days.Stderr, StringComparison.Ordinal);
    }
}
