using Chancery.Core.Reciprocity;

namespace Chancery.Core.Tests.Reciprocity;

/// <summary>The world view of one state (here Germany) from grouped counts, with hand-computed gaps, order and sentences.</summary>
public class WorldParityRulesTests
{
    private static DirectionCounts Count(string sending, string receiving, int missions, int members, int diplomatic = 0, int family = 0) =>
        new(sending, receiving, missions, members, diplomatic, family);

    [Fact]
    public void GapIsTheCounterpartsMembersInTheStateMinusTheStatesMembersThereWithBothDirectionsSideBySide()
    {
        // France holds 60 members (20 diplomats, 45 family) in Germany; Germany holds 36 (12 diplomats, 30 family) in France.
        var rows = WorldParityRules.Rows("DE", [Count("FR", "DE", 2, 60, 20, 45), Count("DE", "FR", 3, 36, 12, 30)]);

        var france = Assert.Single(rows);
        Assert.Equal(("FR", "France"), (france.CounterpartCode, france.CounterpartName));
        Assert.Equal(new WorldSide(3, 36, 12, 30), france.Abroad);
        Assert.Equal(new WorldSide(2, 60, 20, 45), france.AtHome);
        Assert.Equal((24, 8, 15), (france.Gap, france.DiplomaticGap, france.FamilyGap));
        Assert.Equal("France holds 24 more members in Germany than Germany holds in France (60 against 36).", france.Summary);
    }

    [Fact]
    public void CountsOfTheSameDirectionAddUpAndDirectionsNotInvolvingTheStateAreIgnored()
    {
        // Missions, members and families arrive as separate groups, as the three queries return them.
        var rows = WorldParityRules.Rows("DE", [
            Count("DE", "AT", 1, 0), Count("DE", "AT", 0, 10, 4, 0), Count("DE", "AT", 0, 0, 0, 7),
            Count("AT", "DE", 1, 0), Count("AT", "DE", 0, 12, 5, 0),
            Count("AT", "FR", 1, 99, 9, 9)]);

        var austria = Assert.Single(rows);
        Assert.Equal(new WorldSide(1, 10, 4, 7), austria.Abroad);
        Assert.Equal(new WorldSide(1, 12, 5, 0), austria.AtHome);
        Assert.Equal(2, austria.Gap);
    }

    [Fact]
    public void ACounterpartWithMissionsOnlyOneWayIsListedWithZeroMissionsTheOtherWayAndTheSentenceSaysSo()
    {
        var rows = WorldParityRules.Rows("DE", [Count("VA", "DE", 1, 5, 3, 0), Count("DE", "MC", 1, 2, 1, 1)]);

        var holySee = rows.Single(r => r.CounterpartCode == "VA");
        Assert.Equal(WorldSide.None, holySee.Abroad);
        Assert.Equal(5, holySee.Gap);
        Assert.Equal("Vatican City holds 5 members in Germany; Germany holds none in Vatican City. Germany has no mission in Vatican City.", holySee.Summary);
        var monaco = rows.Single(r => r.CounterpartCode == "MC");
        Assert.Equal(WorldSide.None, monaco.AtHome);
        Assert.Equal(-2, monaco.Gap);
        Assert.Equal("Germany holds 2 members in Monaco; Monaco holds none in Germany. Monaco has no mission in Germany.", monaco.Summary);
    }

    [Fact]
    public void MissionsWithNobodyOnTheDateStillMakeACounterpartAtParity()
    {
        var rows = WorldParityRules.Rows("DE", [Count("DE", "IS", 1, 0), Count("IS", "DE", 1, 0), Count("DE", "NO", 1, 1), Count("NO", "DE", 2, 1)]);

        Assert.Equal(["IS", "NO"], rows.Select(r => r.CounterpartCode));
        Assert.Equal("No members either way.", rows[0].Summary);
        Assert.Equal("At parity: 1 member each way.", rows[1].Summary);
        Assert.All(rows, r => Assert.Equal(0, r.Gap));
    }

    [Fact]
    public void RowsAreSortedByTheSizeOfTheGapEitherWayThenByName()
    {
        var rows = WorldParityRules.Rows("DE", [
            Count("DE", "IT", 1, 10), Count("IT", "DE", 1, 13),   // +3
            Count("DE", "ES", 1, 20), Count("ES", "DE", 1, 12),   // -8
            Count("DE", "AT", 1, 7), Count("AT", "DE", 1, 4),     // -3, ties with Italy: Austria first by name
            Count("BE", "DE", 1, 8),                              // +8, ties with Spain: Belgium first
            Count("DE", "PL", 1, 1), Count("PL", "DE", 1, 1)]);   // 0

        Assert.Equal(["BE", "ES", "AT", "IT", "PL"], rows.Select(r => r.CounterpartCode));
        Assert.Equal([8, -8, -3, 3, 0], rows.Select(r => r.Gap));
        Assert.Equal("Germany holds 8 more members in Spain than Spain holds in Germany (20 against 12).", rows[1].Summary);
    }

    [Fact]
    public void AStateWithNoMissionsEitherWayHasNoCounterpartsAndZeroTotals()
    {
        var rows = WorldParityRules.Rows("DE", [Count("FR", "IT", 1, 10)]);

        Assert.Empty(rows);
        Assert.Equal(new WorldParityTotals(0, WorldSide.None, WorldSide.None), WorldParityRules.Totals(rows));
    }

    [Fact]
    public void TotalsSumEveryCounterpartEachWay()
    {
        var rows = WorldParityRules.Rows("DE", [Count("FR", "DE", 2, 60, 20, 45), Count("DE", "FR", 3, 36, 12, 30), Count("VA", "DE", 1, 5, 3, 0)]);

        var totals = WorldParityRules.Totals(rows);

        Assert.Equal(new WorldParityTotals(2, new WorldSide(3, 36, 12, 30), new WorldSide(3, 65, 23, 45)), totals);
        Assert.Equal(29, totals.Gap);
    }

    [Fact]
    public void StateCodesAreMatchedWhateverTheirCase()
    {
        var rows = WorldParityRules.Rows("de", [Count("FR", "DE", 1, 3), Count("de", "fr", 1, 1)]);

        Assert.Equal(("FR", 2), (Assert.Single(rows).CounterpartCode, rows[0].Gap));
    }
}
