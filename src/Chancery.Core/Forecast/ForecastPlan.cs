using Chancery.Core.People;
using Chancery.Core.Posts;

namespace Chancery.Core.Forecast;

/// <summary>
/// A forecast prepared once for all its runs: day numbers instead of dates, the contribution of everyone whose days at
/// post are certain summed into per-series day deltas, and the people whose days depend on the run.
/// </summary>
internal sealed class ForecastPlan
{
    /// <summary>Series: one per staff category (by its value), then all members, then family.</summary>
    public const int MembersSeries = 6;
    public const int FamilySeries = 7;
    public const int SeriesCount = 8;

    /// <summary>A day that never comes (safe to add one to).</summary>
    public const int Never = int.MaxValue / 2;

    public int From { get; }
    public int Days { get; }
    public int[][] StaticDelta { get; } = new int[SeriesCount][];
    public bool[] Variable { get; } = new bool[SeriesCount];
    public int[] MaxCount { get; } = new int[SeriesCount];
    public int[] Minimum { get; } = [.. Enumerable.Repeat(-1, SeriesCount)];
    public VisaDecisionModel Model { get; }

    public DynamicStaff[] Staff { get; }
    public DynamicRenewal[] Renewals { get; }
    public DynamicNomination[] Nominations { get; }

    /// <summary>Certain arrivals whose stay the scenario may cut short (only with expulsions or caps).</summary>
    public DynamicArrival[] KnownArrivals { get; }

    public ScenarioEvent[] Events { get; }
    public ForecastCap[] Caps { get; }

    public ForecastPlan(ForecastInput input, ForecastOptions options, ForecastScenario scenario)
    {
        From = options.From.DayNumber;
        Days = options.Days;
        for (var s = 0; s < SeriesCount; s++) StaticDelta[s] = new int[Days + 1];
        foreach (var (category, minimum) in input.Minimums) Minimum[(int)category] = minimum;

        var requests = input.Renewals.Select(r => r.Request).Concat(input.Nominations.Select(n => n.Request));
        Model = new VisaDecisionModel(input.History, input.Fallback, scenario, options.From, requests);

        Caps = [.. scenario.Caps ?? []];
        var expulsions = scenario.Expulsions ?? [];
        var hasEvents = Caps.Length > 0 || expulsions.Count > 0;

        // Persons named by a renewal (as staff or as household member) are drawn per run; with scenario events everyone is.
        var renewed = input.Renewals.Select(r => r.PersonId).ToHashSet();
        var staff = new List<DynamicStaff>();
        var staffIndex = new Dictionary<Guid, List<(int Staff, int Family)>>();
        for (var i = 0; i < input.Staff.Count; i++)
        {
            var s = input.Staff[i];
            var dynamic = hasEvents || renewed.Contains(s.PersonId) || s.Family.Any(f => renewed.Contains(f.PersonId));
            var d = DynamicStaff.From(s);
            Count(d);
            if (!dynamic)
            {
                AddStaff(StaticDelta, d, d.LeaveBy, d.FamilyLeaves, d.VisaLapsesOn, d.FamilyLapsesOn);
                continue;
            }
            MarkVariable(d);
            var index = staff.Count;
            staff.Add(d);
            Link(staffIndex, s.PersonId, (index, -1));
            for (var f = 0; f < s.Family.Count; f++) Link(staffIndex, s.Family[f].PersonId, (index, f));
        }
        Staff = [.. staff];

        Renewals = [.. input.Renewals.Select(r => new DynamicRenewal(
            Model.Prepare(r.Request),
            staffIndex.TryGetValue(r.PersonId, out var targets) ? [.. targets] : [],
            r.LapsesOnIfGranted?.DayNumber ?? Never))];

        Nominations = [.. input.Nominations.Select(n => new DynamicNomination(
            Model.Prepare(n.Request), (int)n.Category, n.ExpectedArrivalOn?.DayNumber, n.ArrivalLagDays))];
        foreach (var n in Nominations) CountArrival(n.Category, dynamic: true);

        var known = new List<DynamicArrival>();
        foreach (var a in input.Arrivals)
        {
            CountArrival((int)a.Category, hasEvents);
            if (hasEvents) known.Add(new DynamicArrival((int)a.Category, a.ArrivesOn.DayNumber));
            else AddInterval(StaticDelta, (int)a.Category, a.ArrivesOn.DayNumber, Never, members: a.Category != StaffCategory.PrivateServant);
        }
        KnownArrivals = [.. known];

        // Scenario events in the order they take effect: an expulsion the day after its leave-by, a cap on its first day.
        Events = [.. expulsions.Select((e, i) => new ScenarioEvent(e.LeaveBy.DayNumber + 1, 0, i, e, null))
            .Concat(Caps.Select((c, i) => new ScenarioEvent(c.InForceFrom.DayNumber, 1, i, null, c)))
            .OrderBy(e => e.Day).ThenBy(e => e.Kind).ThenBy(e => e.Index)];
    }

    private static void Link(Dictionary<Guid, List<(int, int)>> index, Guid person, (int, int) target)
    {
        if (!index.TryGetValue(person, out var list)) index[person] = list = [];
        list.Add(target);
    }

    private void Count(DynamicStaff s)
    {
        MaxCount[s.Category]++;
        if (s.Category != (int)StaffCategory.PrivateServant) MaxCount[MembersSeries]++;
        MaxCount[FamilySeries] += s.Family.Length;
    }

    private void MarkVariable(DynamicStaff s)
    {
        Variable[s.Category] = true;
        if (s.Category != (int)StaffCategory.PrivateServant) Variable[MembersSeries] = true;
        if (s.Family.Length > 0) Variable[FamilySeries] = true;
    }

    private void CountArrival(int category, bool dynamic)
    {
        MaxCount[category]++;
        var member = category != (int)StaffCategory.PrivateServant;
        if (member) MaxCount[MembersSeries]++;
        if (!dynamic) return;
        Variable[category] = true;
        if (member) Variable[MembersSeries] = true;
    }

    /// <summary>Adds one person's days at post, [<paramref name="start"/>, <paramref name="end"/>), to the deltas of a category (and of members).</summary>
    public void AddInterval(int[][] delta, int category, int start, int end, bool members)
    {
        AddTo(delta[category], start, end);
        if (members) AddTo(delta[MembersSeries], start, end);
    }

    private void AddTo(int[] delta, int start, int end)
    {
        var lo = Math.Max(start - From, 0);
        var hi = Math.Min(end - From, Days);
        if (lo >= hi) return;
        delta[lo]++;
        delta[hi]--;
    }

    /// <summary>
    /// Adds a staff member and their household, as <see cref="HeadcountRules.On"/> counts them: the member while assigned,
    /// not past the leave-by and covered by a visa; a household member while linked, the member assigned, their own
    /// visa covering them, and the member neither ordered out (unless the household stays) nor lapsed before being ordered out.
    /// </summary>
    public void AddStaff(int[][] delta, DynamicStaff s, int leaveBy, bool familyLeaves, int lapses, int[] familyLapses)
    {
        var leave = leaveBy == Never ? Never : leaveBy + 1;
        var end = Math.Min(Math.Min(s.EndExclusive, leave), lapses);
        AddInterval(delta, s.Category, s.Start, end, s.Category != (int)StaffCategory.PrivateServant);
        var family = delta[FamilySeries];
        for (var i = 0; i < s.Family.Length; i++)
        {
            var f = s.Family[i];
            var start = Math.Max(s.Start, f.Start);
            var stop = Math.Min(Math.Min(s.EndExclusive, f.EndExclusive), familyLapses[i]);
            // Before the leave-by: while the member's visa covers them.
            AddTo(family, start, Math.Min(stop, Math.Min(leave, lapses)));
            // After it, a household that stays is counted on its own cover.
            if (!familyLeaves && leave != Never) AddTo(family, Math.Max(start, leave), stop);
        }
    }
}

/// <summary>A staff member in day numbers (exclusive ends; <see cref="ForecastPlan.Never"/> for none).</summary>
internal sealed record DynamicStaff(int Category, int Start, int EndExclusive, int LeaveBy, bool FamilyLeaves, int VisaLapsesOn, DynamicFamily[] Family, int[] FamilyLapsesOn)
{
    public static DynamicStaff From(StaffFacts s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var family = s.Family.Select(f => new DynamicFamily(f.StartOn.DayNumber, f.EndedOn is { } e ? e.DayNumber + 1 : ForecastPlan.Never)).ToArray();
        return new DynamicStaff((int)s.Category, s.StartOn.DayNumber, s.EndedOn is { } ended ? ended.DayNumber + 1 : ForecastPlan.Never,
            s.LeaveBy?.DayNumber ?? ForecastPlan.Never, s.FamilyLeaves, s.VisaLapsesOn?.DayNumber ?? ForecastPlan.Never,
            family, [.. s.Family.Select(f => f.VisaLapsesOn?.DayNumber ?? ForecastPlan.Never)]);
    }
}

/// <summary>A household member's link in day numbers.</summary>
internal readonly record struct DynamicFamily(int Start, int EndExclusive);

/// <summary>A renewal: its request, whom it covers (staff index, household index or -1 for the member), the cover a grant gives.</summary>
internal sealed record DynamicRenewal(PreparedRequest Request, (int Staff, int Family)[] Targets, int LapsesOnIfGranted);

/// <summary>A pending nomination: its request, category, expected arrival and lag.</summary>
internal sealed record DynamicNomination(PreparedRequest Request, int Category, int? ExpectedArrival, int Lag);

/// <summary>A certain arrival.</summary>
internal readonly record struct DynamicArrival(int Category, int Day);

/// <summary>An expulsion (kind 0) or a cap (kind 1), effective on <paramref name="Day"/>.</summary>
internal sealed record ScenarioEvent(int Day, int Kind, int Index, ForecastExpulsion? Expulsion, ForecastCap? Cap);
