using Chancery.Core.Missions;
using Chancery.Core.People;

namespace Chancery.Core.Policies;

/// <summary>A cap's count on a date, for one mission (or all missions in scope when the cap is combined).</summary>
public sealed record CapCount(StaffingCap Cap, Guid? MissionId, DateOnly On, int Count)
{
    /// <summary>The cap's limit.</summary>
    public int Limit => Cap.Limit;

    /// <summary>Whether the count is over the limit.</summary>
    public bool IsOver => Count > Cap.Limit;

    /// <summary>By when a mission over the limit must be within it: the day the cap comes into force.</summary>
    public DateOnly Deadline => Cap.InForceFrom;
}

/// <summary>Pure rules about staffing caps and hiring bans (VCDR art. 11): data and a date in, an answer out.</summary>
public static class CapRules
{
    /// <summary>Whether <paramref name="cap"/> is in force on <paramref name="date"/> (both ends inclusive).</summary>
    public static bool IsInForce(StaffingCap cap, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(cap);
        return cap.InForceFrom <= date && (cap.InForceUntil is not { } until || date <= until);
    }

    /// <summary>Whether <paramref name="cap"/> covers <paramref name="mission"/>: same receiving state, and the sending state and mission if narrowed.</summary>
    public static bool AppliesTo(StaffingCap cap, Mission mission)
    {
        ArgumentNullException.ThrowIfNull(cap);
        ArgumentNullException.ThrowIfNull(mission);
        return string.Equals(cap.ReceivingStateCode, mission.ReceivingStateCode, StringComparison.OrdinalIgnoreCase)
            && (cap.SendingStateCode is null || string.Equals(cap.SendingStateCode, mission.SendingStateCode, StringComparison.OrdinalIgnoreCase))
            && (cap.MissionId is null || cap.MissionId == mission.Id);
    }

    /// <summary>
    /// Whether staff of <paramref name="category"/> count against <paramref name="cap"/>: its own category if it names one,
    /// otherwise the members of the mission (VCDR art. 1) other than locally engaged staff, who have caps of their own.
    /// </summary>
    public static bool Counts(StaffingCap cap, StaffCategory category)
    {
        ArgumentNullException.ThrowIfNull(cap);
        return cap.Category is { } c ? c == category : category is not (StaffCategory.LocallyEngaged or StaffCategory.PrivateServant);
    }

    /// <summary>
    /// The counts of every cap in force on <paramref name="date"/> against <paramref name="assignments"/>: one per mission the cap
    /// covers (missions without anyone counted included), or one for all of them together when the cap is combined.
    /// </summary>
    public static IReadOnlyList<CapCount> CountsOn(IEnumerable<StaffingCap> caps, IReadOnlyCollection<Mission> missions, IReadOnlyCollection<Assignment> assignments, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(caps);
        ArgumentNullException.ThrowIfNull(missions);
        ArgumentNullException.ThrowIfNull(assignments);
        var active = assignments.Where(a => a.IsActiveOn(date)).ToLookup(a => a.MissionId);
        var result = new List<CapCount>();
        foreach (var cap in caps.Where(c => IsInForce(c, date)))
        {
            var covered = missions.Where(m => AppliesTo(cap, m)).ToList();
            if (cap.Combined)
            {
                result.Add(new(cap, null, date, covered.Sum(m => active[m.Id].Count(a => Counts(cap, a.Category)))));
                continue;
            }
            foreach (var m in covered)
                result.Add(new(cap, m.Id, date, active[m.Id].Count(a => Counts(cap, a.Category))));
        }
        return result;
    }

    /// <summary>Caps exceeded on <paramref name="date"/>: existing breaches, e.g. after a new cap, with their deadline.</summary>
    public static IReadOnlyList<CapCount> Breaches(IEnumerable<StaffingCap> caps, IReadOnlyCollection<Mission> missions, IReadOnlyCollection<Assignment> assignments, DateOnly date) =>
        CountsOn(caps, missions, assignments, date).Where(c => c.IsOver).ToList();

    /// <summary>
    /// The first cap that <paramref name="candidate"/> would push over its limit, or null. Only days the change adds to the
    /// assignment's span are checked (all of them for a new assignment; the new days for an extension; all again if the mission
    /// or category changes), so editing an assignment already counted under a breached cap is not refused. On the first such
    /// day that the cap is in force, the others counted plus this one must not exceed the limit: exactly at the cap is allowed.
    /// </summary>
    public static CapCount? FirstBreach(
        IEnumerable<StaffingCap> caps, IReadOnlyCollection<Mission> missions, IReadOnlyCollection<Assignment> others, Assignment candidate, Assignment? before)
    {
        ArgumentNullException.ThrowIfNull(caps);
        ArgumentNullException.ThrowIfNull(missions);
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(candidate);
        var mission = missions.FirstOrDefault(m => m.Id == candidate.MissionId);
        if (mission is null) return null;
        var sameCounting = before is not null && before.MissionId == candidate.MissionId && before.Category == candidate.Category;
        var added = AddedDays(Span(candidate), sameCounting ? Span(before!) : null);
        foreach (var cap in caps.Where(c => AppliesTo(c, mission) && Counts(c, candidate.Category)).OrderBy(c => c.InForceFrom))
        {
            var day = FirstDayInForce(cap, added);
            if (day is not { } d) continue;
            var counted = cap.Combined ? missions.Where(m => AppliesTo(cap, m)).Select(m => m.Id).ToHashSet() : [mission.Id];
            var count = others.Count(a => a.Id != candidate.Id && counted.Contains(a.MissionId) && a.IsActiveOn(d) && Counts(cap, a.Category));
            if (count + 1 > cap.Limit)
                return new CapCount(cap, cap.Combined ? null : mission.Id, d, count);
        }
        return null;
    }

    private static (DateOnly From, DateOnly To) Span(Assignment a) => (a.StartOn, a.EndedOn ?? a.PlannedEndOn ?? DateOnly.MaxValue);

    private static List<(DateOnly From, DateOnly To)> AddedDays((DateOnly From, DateOnly To) now, (DateOnly From, DateOnly To)? was)
    {
        if (now.To < now.From) return [];
        if (was is not { } w || w.To < w.From) return [now];
        var added = new List<(DateOnly, DateOnly)>();
        if (now.From < w.From) added.Add((now.From, Min(now.To, w.From.AddDays(-1))));
        if (now.To > w.To) added.Add((Max(now.From, w.To.AddDays(1)), now.To));
        return added;
    }

    private static DateOnly? FirstDayInForce(StaffingCap cap, List<(DateOnly From, DateOnly To)> ranges)
    {
        DateOnly? first = null;
        foreach (var (from, to) in ranges)
        {
            var start = Max(from, cap.InForceFrom);
            var end = cap.InForceUntil is { } u ? Min(to, u) : to;
            if (start <= end && (first is null || start < first)) first = start;
        }
        return first;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>"locally engaged staff of US missions in RU: at most 0 (hiring ban)".</summary>
    public static string Describe(StaffingCap cap, string? missionLabel = null)
    {
        ArgumentNullException.ThrowIfNull(cap);
        var who = cap.Category switch
        {
            null => "members",
            StaffCategory.LocallyEngaged => "locally engaged staff",
            StaffCategory.HeadOfMission => "heads of mission",
            StaffCategory.Diplomatic => "diplomatic staff",
            StaffCategory.AdministrativeTechnical => "administrative and technical staff",
            StaffCategory.Service => "service staff",
            _ => "private servants",
        };
        var where = missionLabel ?? $"{cap.SendingStateCode ?? "all"} missions in {cap.ReceivingStateCode}";
        var each = cap.MissionId is null && !cap.Combined ? "each of " : "";
        var ban = cap.Limit == 0 ? " (hiring ban)" : "";
        return $"{who} of {each}{where}{(cap.Combined ? " together" : "")}: at most {cap.Limit}{ban}";
    }
}
