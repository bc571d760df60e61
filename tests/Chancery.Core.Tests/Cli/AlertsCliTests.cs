using System.Text.Json;

namespace Chancery.Core.Tests.Cli;

/// <summary>`chancery alerts list` and `chancery visas statistics`, run as processes on the demo data.</summary>
public sealed class AlertsCliTests : IDisposable
{
    private readonly ChanceryProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task AlertsOfTheDemoDateListAsJsonMostUrgentFirstAndFilterBySeverity()
    {
        var seeded = await _cli.RunAsync("demo", "seed", "--connection-string", _cli.SqliteConnection);
        var all = await _cli.RunAsync("alerts", "list", "--as-of", "2021-08-15", "--format", "json", "--connection-string", _cli.SqliteConnection);
        var critical = await _cli.RunAsync("alerts", "list", "--as-of", "2021-08-15", "--severity", "critical", "-f", "csv", "--connection-string", _cli.SqliteConnection);

        Assert.Equal((0, 0, 0), (seeded.ExitCode, all.ExitCode, critical.ExitCode));
        using var json = JsonDocument.Parse(all.Stdout);
        var alerts = json.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(alerts);
        var ranks = alerts.Select(a => Enum.Parse<Visas.AlertSeverity>(a.GetProperty("severity").GetString()!)).ToList();
        Assert.Equal(ranks.Order(), ranks);
        Assert.All(alerts, a => Assert.True(string.CompareOrdinal(a.GetProperty("due").GetString(), "2021-08-15") >= 0));
        var lines = critical.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Severity,Due,Kind,Person,Role,Mission,What to do", lines[0], StringComparison.Ordinal);
        Assert.Equal(ranks.Count(r => r == Visas.AlertSeverity.Critical), lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("Critical,", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DateThatIsNotADateIsAUsageErrorNamingTheOption()
    {
        var alerts = await _cli.RunAsync("alerts", "list", "--as-of", "15/08/2021", "--connection-string", _cli.SqliteConnection);
        var statistics = await _cli.RunAsync("visas", "statistics", "--from", "2021-02-30", "--connection-string", _cli.SqliteConnection);

        Assert.Equal((2, 2), (alerts.ExitCode, statistics.ExitCode));
        Assert.Contains("--as-of '15/08/2021' is not a date", Assert.Single(alerts.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Contains("--from '2021-02-30' is not a date", statistics.Stderr, StringComparison.Ordinal);
        Assert.Equal("", alerts.Stdout + statistics.Stdout);
    }
}
