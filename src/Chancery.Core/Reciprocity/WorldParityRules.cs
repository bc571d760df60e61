using Chancery.Core.States;

namespace Chancery.Core.Reciprocity;

/// <summary>
/// Counts of one direction (the sending state's missions in the receiving state) on a date, as the grouped queries
/// return them: missions open, members (every assignment covering the date except private servants, who are not
/// members: VCDR art. 1(h)), diplomatic staff among them (head of mission and diplomatic staff: art. 1(e)), and the
/// household members of those members whose link covers the date.
/// </summary>
public sealed record DirectionCounts(string SendingStateCode, string ReceivingStateCode, int Missions, int Members, int Diplomatic, int Family);

/// <summary>One direction of a counterpart row: a state's missions, members, diplomatic staff and families in the other.</summary>
public sealed record WorldSide(int Missions, int Members, int Diplomatic, int Family)
{
    /// <summary>Nothing recorded that way.</summary>
    public static readonly WorldSide None = new(0, 0, 0, 0);
}

/// <summary>
/// One counterpart <c>C</c> of the state <c>S</c> viewed: <see cref="Abroad"/> is S's missions in C, <see cref="AtHome"/>
/// C's missions in S. <see cref="Gap"/> is C's members in S minus S's members in C: positive when C holds more people in
/// S than S holds in C.
/// </summary>
public sealed record WorldParityRow(string CounterpartCode, string CounterpartName, WorldSide Abroad, WorldSide AtHome, string Summary)
{
    /// <summary>C's members in S minus S's members in C.</summary>
    public int Gap => AtHome.Members - Abroad.Members;

    /// <summary>C's diplomatic staff in S minus S's diplomatic staff in C.</summary>
    public int DiplomaticGap => AtHome.Diplomatic - Abroad.Diplomatic;

    /// <summary>C's family members in S minus S's family members in C.</summary>
    public int FamilyGap => AtHome.Family - Abroad.Family;
}

/// <summary>Sums over every counterpart: the state's missions and people abroad, and the counterparts' in the state.</summary>
public sealed record WorldParityTotals(int Counterparts, WorldSide Abroad, WorldSide AtHome)
{
    /// <summary>Members of all counterparts in the state minus the state's members abroad.</summary>
    public int Gap => AtHome.Members - Abroad.Members;
}

/// <summary>
/// Pure rules of the world view: grouped counts in, one row per counterpart out, with its gap and a sentence, sorted by
/// the size of the gap (largest first), then by the counterpart's name. VCDR art. 47(2)(a) lets reciprocity be weighed;
/// this shows where to look first.
/// </summary>
public static class WorldParityRules
{
    /// <summary>
    /// The rows of <paramref name="state"/>: every counterpart named in <paramref name="counts"/> on either side of a
    /// direction involving the state. Counts of directions not involving the state are ignored; repeated directions add up.
    /// </summary>
    public static IReadOnlyList<WorldParityRow> Rows(string state, IEnumerable<DirectionCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(counts);
        var abroad = new Dictionary<string, WorldSide>(StringComparer.OrdinalIgnoreCase);
        var atHome = new Dictionary<string, WorldSide>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in counts)
        {
            var outward = string.Equals(c.SendingStateCode, state, StringComparison.OrdinalIgnoreCase);
            var inward = string.Equals(c.ReceivingStateCode, state, StringComparison.OrdinalIgnoreCase);
            if (outward == inward) continue; // not about the state (or a state's missions in itself, which the registry refuses)
            var (side, counterpart) = outward ? (abroad, c.ReceivingStateCode.ToUpperInvariant()) : (atHome, c.SendingStateCode.ToUpperInvariant());
            var before = side.GetValueOrDefault(counterpart, WorldSide.None);
            side[counterpart] = new WorldSide(before.Missions + c.Missions, before.Members + c.Members, before.Diplomatic + c.Diplomatic, before.Family + c.Family);
        }
        var stateName = StateCodes.NameOf(state.ToUpperInvariant());
        return [.. abroad.Keys.Union(atHome.Keys)
            .Select(code =>
            {
                var name = StateCodes.NameOf(code);
                var a = abroad.GetValueOrDefault(code, WorldSide.None);
                var h = atHome.GetValueOrDefault(code, WorldSide.None);
                return new WorldParityRow(code, name, a, h, Sentence(stateName, name, a, h));
            })
            .Where(r => r.Abroad != WorldSide.None || r.AtHome != WorldSide.None)
            .OrderByDescending(r => Math.Abs(r.Gap))
            .ThenBy(r => r.CounterpartName, StringComparer.Ordinal)
            .ThenBy(r => r.CounterpartCode, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The plain-language summary of one counterpart, e.g. "France holds 24 more members in Germany than Germany holds in
    /// France (60 against 36)." A side without any mission is said so.
    /// </summary>
    public static string Sentence(string stateName, string counterpartName, WorldSide abroad, WorldSide atHome)
    {
        ArgumentNullException.ThrowIfNull(abroad);
        ArgumentNullException.ThrowIfNull(atHome);
        var gap = atHome.Members - abroad.Members;
        string main;
        if (gap == 0)
            main = abroad.Members == 0 ? "No members either way." : $"At parity: {Members(abroad.Members)} each way.";
        else if (abroad.Members == 0 || atHome.Members == 0)
            main = gap > 0
                ? $"{counterpartName} holds {Members(atHome.Members)} in {stateName}; {stateName} holds none in {counterpartName}."
                : $"{stateName} holds {Members(abroad.Members)} in {counterpartName}; {counterpartName} holds none in {stateName}.";
        else
            main = gap > 0
                ? $"{counterpartName} holds {Members(gap, "more ")} in {stateName} than {stateName} holds in {counterpartName} ({atHome.Members} against {abroad.Members})."
                : $"{stateName} holds {Members(-gap, "more ")} in {counterpartName} than {counterpartName} holds in {stateName} ({abroad.Members} against {atHome.Members}).";
        if (abroad.Missions == 0 && atHome.Missions > 0) return $"{main} {stateName} has no mission in {counterpartName}.";
        if (atHome.Missions == 0 && abroad.Missions > 0) return $"{main} {counterpartName} has no mission in {stateName}.";
        return main;
    }

    /// <summary>The sums over <paramref name="rows"/>: how many counterparts, and each direction's counts.</summary>
    public static WorldParityTotals Totals(IReadOnlyCollection<WorldParityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new WorldParityTotals(rows.Count, Sum(rows.Select(r => r.Abroad)), Sum(rows.Select(r => r.AtHome)));
    }

    private static WorldSide Sum(IEnumerable<WorldSide> sides) =>
        sides.Aggregate(WorldSide.None, (t, s) => new WorldSide(t.Missions + s.Missions, t.Members + s.Members, t.Diplomatic + s.Diplomatic, t.Family + s.Family));

    private static string Members(int n, string more = "") => n == 1 ? $"1 {more}member" : $"{n} {more}members";
}
