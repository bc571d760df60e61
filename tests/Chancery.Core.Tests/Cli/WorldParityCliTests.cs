using System.Text.Json;

namespace Chancery.Core.Tests.Cli;

/// <summary>`chancery parity world`, run as a process on the demo data.</summary>
public sealed class WorldParityCliTests : IDisposable
{
    private readonly ChanceryProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task WorldViewOfTheDemoSendingStateListsTheHostStateFirstAsJsonAndCsv()
    {
        var seeded = await _cli.RunAsync("demo", "seed", "--connection-string", _cli.SqliteConnection);
        var json = await _cli.RunAsync("parity", "world", "--state", "RU", "--as-of", "2021-08-15", "--format", "json", "--connection-string", _cli.SqliteConnection);
        var csv = await _cli.RunAsync("parity", "world", "--state", "ru", "--as-of", "2021-08-15", "-f", "csv", "--connection-string", _cli.SqliteConnection);

        Assert.Equal((0, 0, 0), (seeded.ExitCode, json.ExitCode, csv.ExitCode));
        using var document = JsonDocument.Parse(json.Stdout);
        var view = document.RootElement;
        Assert.Equal(("RU", "2021-08-15"), (view.GetProperty("state").GetString(), view.GetProperty("asOf").GetString()));
        var rows = view.GetProperty("counterparts").EnumerateArray().ToList();
        // The demo's story: Russia's embassy in Washington against the United States' in Moscow, and other states' in Moscow.
        Assert.Equal("US", rows[0].GetProperty("counterpartCode").GetString());
        Assert.True(rows.Count >= 5, $"{rows.Count} counterparts");
        var gaps = rows.Select(r => r.GetProperty("gap").GetInt32()).ToList();
        Assert.Equal(gaps.OrderByDescending(Math.Abs), gaps, EqualityComparer<int>.Default);
        Assert.All(rows, r => Assert.Equal(
            r.GetProperty("atHome").GetProperty("members").GetInt32() - r.GetProperty("abroad").GetProperty("members").GetInt32(), r.GetProperty("gap").GetInt32()));
        var lines = csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Counterpart,Name,Missions RU there,Missions in RU,Members RU there,Members in RU", lines[0], StringComparison.Ordinal);
        Assert.Equal(rows.Count, lines.Length - 1);
        Assert.StartsWith("US,United States", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownStateIsRefusedNamingIt()
    {
        var migrated = await _cli.RunAsync("db", "migrate", "--connection-string", _cli.SqliteConnection);
        var result = await _cli.RunAsync("parity", "world", "--state", "ZZ", "--connection-string", _cli.SqliteConnection);

        Assert.Equal((0, 1), (migrated.ExitCode, result.ExitCode));
        Assert.Contains("state 'ZZ' is not an ISO 3166-1 alpha-2 code", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }
}
