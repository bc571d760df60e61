using System.Text.Json;

namespace Chancery.Core.Tests.Cli;

public sealed class PostsCliTests : IDisposable
{
    private readonly ChanceryProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task HeadcountAndVacanciesOfTheDemoEmbassyShowTheDeadlineAndTheMissingReplacements()
    {
        var c = _cli.SqliteConnection;
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--connection-string", c)).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("demo", "seed", "--connection-string", c)).ExitCode);
        var missions = await _cli.RunAsync("missions", "list", "--format", "csv", "--connection-string", c);
        var embassy = missions.Stdout.Split('\n').Single(l => l.Contains(",RU,US,Washington,", StringComparison.Ordinal)).Split(',')[0];

        var before = await _cli.RunAsync("headcount", "--mission", embassy, "--on", "2021-09-03", "--format", "json", "--connection-string", c);
        var after = await _cli.RunAsync("headcount", "--mission", embassy, "--on", "2021-09-04", "--format", "json", "--connection-string", c);
        var vacancies = await _cli.RunAsync("vacancies", "--mission", embassy, "--on", "2021-08-15", "--format", "csv", "--connection-string", c);
        var timeline = await _cli.RunAsync("headcount", "--mission", embassy, "--from", "2021-09-02", "--to", "2021-09-05", "-f", "csv", "--connection-string", c);

        Assert.Equal((0, 0, 0, 0), (before.ExitCode, after.ExitCode, vacancies.ExitCode, timeline.ExitCode));
        int Members(string json, string field) =>
            JsonDocument.Parse(json).RootElement.EnumerateArray().Single(r => r.GetProperty("group").GetString() == "Members").GetProperty("count").GetProperty(field).GetInt32();
        Assert.Equal(61, Members(before.Stdout, "present"));
        // The 24 diplomats whose visas end on 2021-09-03 are out the next day.
        Assert.Equal(24, Members(before.Stdout, "count") - Members(after.Stdout, "count"));
        Assert.Contains("arrives 2021-09-20", vacancies.Stdout, StringComparison.Ordinal);
        Assert.Contains("nominee, visa pending 146 days", vacancies.Stdout, StringComparison.Ordinal);
        Assert.Contains(",no nominee", vacancies.Stdout, StringComparison.Ordinal);
        Assert.Equal(5, timeline.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task FromWithoutToExitsNonZeroWithOneLine()
    {
        var result = await _cli.RunAsync("headcount", "--mission", Guid.NewGuid().ToString(), "--from", "2021-01-01", "--connection-string", _cli.SqliteConnection);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--from and --to go together", line, StringComparison.Ordinal);
    }
}
