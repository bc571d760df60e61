using System.Globalization;
using Chancery.Benchmarks;

namespace Chancery.Core.Tests.Invariants;

/// <summary>
/// The world-view service against the benchmark's baseline, one hand-written GROUP BY query written from the definition:
/// on a generated world with assignments and households starting and ending over the years, both must give every
/// counterpart the same missions, members, diplomatic staff and family members each way, for any state and date.
/// </summary>
public sealed class WorldParityBaselineTests(SmallWorld world) : IClassFixture<SmallWorld>
{
    [Theory]
    [InlineData("2019-03-01")]
    [InlineData("2021-08-15")]
    [InlineData("2022-06-30")]
    public async Task WorldViewOfTheMostConnectedStateGivesTheSameCountsAsTheSqlBaseline(string asOf)
    {
        using var runner = new WorldParityRunner(world.Path);
        var state = runner.MostConnectedState();

        var (service, sql, differences) = await runner.CompareAsync(state, DateOnly.Parse(asOf, CultureInfo.InvariantCulture));

        Assert.True(differences.Length == 0, differences);
        Assert.True(service.Count >= 5, $"only {service.Count} counterparts of {state}: the world no longer exercises the view");
        Assert.True(service.Sum(r => r.MembersAbroad + r.MembersAtHome) > 20, "hardly anyone is counted: the world no longer exercises the view");
        Assert.Equal(sql.Count, service.Count);
    }

    [Fact]
    public async Task WorldViewOfEveryStateWithMissionsGivesTheSameCountsAsTheSqlBaseline()
    {
        using var runner = new WorldParityRunner(world.Path);
        var date = new DateOnly(2021, 8, 15);
        var states = runner.States();

        foreach (var state in states)
        {
            var (_, _, differences) = await runner.CompareAsync(state, date);
            Assert.True(differences.Length == 0, $"{state}: {differences}");
        }
        Assert.True(states.Count > 20, $"only {states.Count} states have missions in the small world");
    }
}
