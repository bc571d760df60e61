using Chancery.Benchmarks;
using Chancery.Benchmarks.World;
using Chancery.Core.Missions;
using Chancery.Core.Visas;
using Microsoft.Data.Sqlite;

namespace Chancery.Core.Tests.Invariants;

/// <summary>A small generated world (200 missions, some 6,000 people) in a SQLite file, built once for the class.</summary>
public sealed class SmallWorld : IAsyncLifetime
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"chancery-world-{Guid.NewGuid():N}.db");

    public WorldStats? Stats { get; private set; }

    public async Task InitializeAsync() => Stats = await WorldGenerator.GenerateAsync(WorldScale.Small, Path);

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
            File.Delete(file);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The alert service against the benchmark's baseline, one hand-written SQL query per alert kind written from the alert
/// semantics: on a generated world with renewals, gaps, cancellations, lapses, policies changing on a date and
/// pending applications, both must raise the same alerts (kind, person, due date, severity) on every date. A
/// difference means the service, the SQL or the semantics are wrong somewhere; the message lists the rows.
/// </summary>
public sealed class AlertsBaselineTests(SmallWorld world) : IClassFixture<SmallWorld>
{
    [Theory]
    [InlineData("2019-03-01")]
    [InlineData("2020-02-29")]
    [InlineData("2021-08-15")]
    [InlineData("2021-12-31")]
    [InlineData("2022-06-30")]
    public async Task AlertServiceRaisesTheSameAlertsAsTheSqlBaseline(string asOf)
    {
        using var runner = new AlertsRunner(world.Path);

        var (service, sql, difference) = await runner.CompareAsync(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(difference.Same, $"service {service} alerts, SQL {sql} rows:{Environment.NewLine}{difference.Describe()}");
        Assert.True(service > 100, $"only {service} alerts on {asOf}: the world no longer exercises the rules");
    }

    [Fact]
    public async Task GeneratedWorldRaisesEveryKindOfAlert()
    {
        using var runner = new AlertsRunner(world.Path);

        var kinds = (await runner.ServiceAsync(new DateOnly(2022, 6, 30))).Alerts.Select(a => a.Kind).ToHashSet();

        Assert.Equal(Enum.GetValues<AlertKind>().ToHashSet(), kinds);
    }

    [Fact]
    public void GeneratedWorldIsMadeOfTheRequestedNumberOfMissionsAndAboutThirtyPeopleEach()
    {
        var stats = world.Stats!;

        Assert.Equal(200, stats.Missions);
        Assert.InRange(stats.People, 200 * 20, 200 * 40);
        Assert.InRange(stats.Visas, stats.People, stats.People * 3);
    }
}

/// <summary>Reading the real mission list, with its quirks.</summary>
public sealed class MissionListTests
{
    [Fact]
    public void RowsWithoutIsoStatesWithTheSameStateTwiceOrRepeatedAreDroppedAndAMissingCityBecomesTheHostStateName()
    {
        var text = """
            operator;country;city;type;QID;
            France;Germany;Berlin;embassy;Q1
            Kosovo;Germany;Berlin;embassy;Q2
            France;France;Paris;embassy;Q3
            France;Germany;Berlin;embassy;Q1
            France;Germany;Berlin;embassy;Q4
            People's Republic of China;Germany;;consulate general;Q5
            """;

        var (rows, report) = MissionList.Parse(new StringReader(text));

        Assert.Equal(
            [new MissionRow("FR", "DE", MissionKind.Embassy, "Berlin"), new MissionRow("CN", "DE", MissionKind.ConsulateGeneral, "Germany")],
            rows);
        Assert.Equal(new MissionListReport(6, 2, 1, 1, 2, 1), report);
    }

    [Fact]
    public void ShippedMissionListKeepsAlmostAllOfTheRealMissions()
    {
        var (rows, report) = MissionList.Load();

        Assert.Equal(9852, report.Rows);
        Assert.InRange(rows.Count, 9000, 9852);
    }
}
