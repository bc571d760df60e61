using System.Globalization;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.Posts;
using Chancery.Core.Visas;

namespace Chancery.Core.Reciprocity;

/// <summary>A mission as parity counts it.</summary>
public sealed record ParityMission(Guid Id, MissionKind Kind, MissionStatus Status, DateOnly? OpenedOn, DateOnly? ClosedOn)
{
    /// <summary>Opened by <paramref name="date"/> (or date unknown) and not closed by it.</summary>
    public bool ExistsOn(DateOnly date) => (OpenedOn is not { } o || o <= date)
        && (ClosedOn is { } c ? date < c : Status != MissionStatus.Closed);
}

/// <summary>
/// A staff member as parity counts them: the assignment and household (<see cref="StaffFacts"/>) and, when a pending departure
/// order of the receiving state names them, the day it was issued (<see cref="StaffFacts.FamilyLeaves"/> says whether the
/// household goes too).
/// </summary>
public sealed record ParityMember(StaffFacts Staff, DateOnly? PendingOrderIssuedOn);

/// <summary>
/// One direction of a pair: the sending state's missions and staff in the receiving state, and how the receiving state
/// treats them: its caps, its visa applications from their staff, its policies, and its measures against the sending state.
/// </summary>
public sealed record ParityFacts(
    string SendingStateCode, string ReceivingStateCode, IReadOnlyList<ParityMission> Missions, IReadOnlyList<ParityMember> Members,
    IReadOnlyList<StaffingCap> Caps, IReadOnlyList<ResolvedApplication> Applications, IReadOnlyList<HostPolicy> Policies,
    IReadOnlyList<ReciprocalMeasure> Measures);

/// <summary>Missions of one kind: open on the date, and of those, suspended.</summary>
public sealed record MissionKindCount(MissionKind Kind, int Open, int Suspended);

/// <summary>A count now and after the pending departure orders.</summary>
public sealed record MemberCount(int Now, int After)
{
    /// <summary>This count minus <paramref name="other"/>, term by term.</summary>
    public MemberCount Minus(MemberCount other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Now - other.Now, After - other.After);
    }
}

/// <summary>One staff category's members.</summary>
public sealed record CategoryMembers(StaffCategory Category, MemberCount Count);

/// <summary>A cap or hiring ban in force on the date.</summary>
public sealed record CapInForce(Guid Id, string Description, StaffCategory? Category, int Limit, bool HiringBan, DateOnly InForceFrom, DateOnly? InForceUntil, Guid? ReciprocalMeasureId);

/// <summary>
/// How the receiving state treats the sending state's staff's visa applications over the look-back ending on the date (the
/// same years as the measures: visas are issued for years, so one year holds too few decisions between two states):
/// decisions in it (count, median and p90 days, refusal rate), applications pending on the date and their ages, and the
/// policy in force.
/// </summary>
public sealed record VisaTreatment(
    DateOnly From, DateOnly To, int Decided, int? MedianDays, int? P90Days, decimal? RefusalRate,
    int Pending, int? MedianPendingDays, int? OldestPendingDays, int? MaxValidityDays, int? ReapplyAfterYears);

/// <summary>Measures of one kind.</summary>
public sealed record MeasureKindCount(ReciprocalMeasureKind Kind, int Count);

/// <summary>A measure as the parity view and timeline list it.</summary>
public sealed record MeasureLine(
    Guid Id, string ActingStateCode, string TargetStateCode, ReciprocalMeasureKind Kind, DateOnly AnnouncedOn, DateOnly InForceFrom, DateOnly? EndedOn,
    int? Magnitude, string Description, bool InForce, Guid? InResponseToId);

/// <summary>One direction of the parity view: the sending state's missions in the receiving state and their treatment.</summary>
public sealed record ParitySide(
    string SendingStateCode, string ReceivingStateCode, int Missions, IReadOnlyList<MissionKindCount> MissionsByKind,
    MemberCount Members, MemberCount DiplomaticAgents, IReadOnlyList<CategoryMembers> Categories, MemberCount Family,
    IReadOnlyList<CapInForce> Caps, VisaTreatment Visas, IReadOnlyList<MeasureKindCount> MeasuresByKind, IReadOnlyList<MeasureLine> Measures);

/// <summary>A category's gap (A minus B).</summary>
public sealed record CategoryGap(StaffCategory Category, MemberCount Gap);

/// <summary>A's side minus B's side.</summary>
public sealed record ParityGaps(
    int Missions, MemberCount Members, MemberCount DiplomaticAgents, IReadOnlyList<CategoryGap> Categories, MemberCount Family,
    int Caps, int? MedianVisaDays, int PendingVisas, int Measures);

/// <summary>
/// The parity between A and B on a date: A's missions in B (treated by B) against B's missions in A (treated by A),
/// the gaps (A minus B) and the summary in plain words.
/// </summary>
public sealed record Parity(string A, string B, DateOnly AsOf, int Years, ParitySide AInB, ParitySide BInA, ParityGaps Gaps, IReadOnlyList<string> Summary);

/// <summary>
/// Pure parity rules (VCDR art. 47(2)(a): reciprocity is weighed between two states). The counting definition is shared with
/// the world view and must stay exactly this: a member is counted "now" on a date when an assignment at a mission of that
/// direction covers the date (<see cref="StaffFacts.AssignedOn"/>), private servants excluded (not members, VCDR art. 1(h));
/// family members are the household members linked on the date to such a member. "After pending orders" is "now" minus the
/// persons named (status pending) in departure orders of the receiving state issued on or before the date, with their
/// households when the order says households leave.
/// </summary>
public static class ParityRules
{
    /// <summary>Default look-back for measures, in years.</summary>
    public const int DefaultYears = 5;

    /// <summary>Longest look-back for measures, in years.</summary>
    public const int MaxYears = 50;

    /// <summary>Staff categories counted as members, in order (private servants are not members).</summary>
    public static readonly IReadOnlyList<StaffCategory> MemberCategories = [.. Enum.GetValues<StaffCategory>().Where(c => c != StaffCategory.PrivateServant)];

    /// <summary>The parity between the sending states of <paramref name="aInB"/> (A) and <paramref name="bInA"/> (B) on <paramref name="date"/>.</summary>
    public static Parity Compare(ParityFacts aInB, ParityFacts bInA, DateOnly date, int years = DefaultYears)
    {
        ArgumentNullException.ThrowIfNull(aInB);
        ArgumentNullException.ThrowIfNull(bInA);
        if (aInB.SendingStateCode != bInA.ReceivingStateCode || aInB.ReceivingStateCode != bInA.SendingStateCode)
            throw new ArgumentException("The two directions must be of the same pair of states, each the other's mirror.", nameof(bInA));
        var a = Side(aInB, date, years);
        var b = Side(bInA, date, years);
        var gaps = new ParityGaps(
            a.Missions - b.Missions, a.Members.Minus(b.Members), a.DiplomaticAgents.Minus(b.DiplomaticAgents),
            [.. a.Categories.Zip(b.Categories, (x, y) => new CategoryGap(x.Category, x.Count.Minus(y.Count)))],
            a.Family.Minus(b.Family), a.Caps.Count - b.Caps.Count,
            a.Visas.MedianDays is { } am && b.Visas.MedianDays is { } bm ? am - bm : null,
            a.Visas.Pending - b.Visas.Pending, a.Measures.Count - b.Measures.Count);
        return new Parity(aInB.SendingStateCode, bInA.SendingStateCode, date, years, a, b, gaps, Summary(a, b, years));
    }

    /// <summary>Members "now" on <paramref name="date"/>: by the shared definition (see the class).</summary>
    public static bool CountedNow(ParityMember member, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Staff.Category != StaffCategory.PrivateServant && member.Staff.AssignedOn(date);
    }

    /// <summary>Whether a pending order issued on or before <paramref name="date"/> names the member.</summary>
    public static bool OrderedOut(ParityMember member, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.PendingOrderIssuedOn is { } issued && issued <= date;
    }

    /// <summary>One direction on <paramref name="date"/>.</summary>
    public static ParitySide Side(ParityFacts facts, DateOnly date, int years = DefaultYears)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var missions = facts.Missions.Where(m => m.ExistsOn(date)).ToList();
        var byKind = missions.GroupBy(m => m.Kind).OrderBy(g => g.Key)
            .Select(g => new MissionKindCount(g.Key, g.Count(), g.Count(m => m.Status == MissionStatus.Suspended))).ToList();

        var now = MemberCategories.ToDictionary(c => c, _ => 0);
        var after = MemberCategories.ToDictionary(c => c, _ => 0);
        int familyNow = 0, familyAfter = 0;
        foreach (var m in facts.Members)
        {
            if (!CountedNow(m, date)) continue;
            var ordered = OrderedOut(m, date);
            now[m.Staff.Category]++;
            if (!ordered) after[m.Staff.Category]++;
            foreach (var f in m.Staff.Family)
            {
                if (!f.LinkedOn(date)) continue;
                familyNow++;
                if (!(ordered && m.Staff.FamilyLeaves)) familyAfter++;
            }
        }
        var categories = MemberCategories.Select(c => new CategoryMembers(c, new MemberCount(now[c], after[c]))).ToList();
        var members = new MemberCount(now.Values.Sum(), after.Values.Sum());
        var agents = new MemberCount(
            now[StaffCategory.HeadOfMission] + now[StaffCategory.Diplomatic], after[StaffCategory.HeadOfMission] + after[StaffCategory.Diplomatic]);

        var missionIds = facts.Missions.Select(m => m.Id).ToHashSet();
        var caps = facts.Caps
            .Where(c => CapRules.IsInForce(c, date)
                && string.Equals(c.ReceivingStateCode, facts.ReceivingStateCode, StringComparison.OrdinalIgnoreCase)
                && (c.SendingStateCode is null || string.Equals(c.SendingStateCode, facts.SendingStateCode, StringComparison.OrdinalIgnoreCase))
                && (c.MissionId is not { } mid || missionIds.Contains(mid)))
            .OrderBy(c => c.InForceFrom).ThenBy(c => c.Id)
            .Select(c => new CapInForce(c.Id, CapRules.Describe(c), c.Category, c.Limit, c.Limit == 0, c.InForceFrom, c.InForceUntil, c.ReciprocalMeasureId))
            .ToList();

        var measures = facts.Measures
            .Where(m => string.Equals(m.ActingStateCode, facts.ReceivingStateCode, StringComparison.OrdinalIgnoreCase)
                && string.Equals(m.TargetStateCode, facts.SendingStateCode, StringComparison.OrdinalIgnoreCase)
                && ReciprocityRules.AnnouncedWithin(m, date, years))
            .OrderBy(m => m.AnnouncedOn).ThenBy(m => m.Id)
            .Select(m => Line(m, date)).ToList();
        var measuresByKind = measures.GroupBy(m => m.Kind).OrderBy(g => g.Key).Select(g => new MeasureKindCount(g.Key, g.Count())).ToList();

        return new ParitySide(facts.SendingStateCode, facts.ReceivingStateCode, missions.Count, byKind, members, agents, categories,
            new MemberCount(familyNow, familyAfter), caps, Visas(facts, date, years), measuresByKind, measures);
    }

    /// <summary>A measure as a line of the view on <paramref name="date"/>.</summary>
    public static MeasureLine Line(ReciprocalMeasure m, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Id, m.ActingStateCode, m.TargetStateCode, m.Kind, m.AnnouncedOn, m.InForceFrom, m.EndedOn, m.Magnitude,
            ReciprocityRules.Describe(m), ReciprocityRules.IsInForce(m, date), m.InResponseToId);
    }

    /// <summary>First day of the look-back of <paramref name="years"/> years ending on <paramref name="date"/>.</summary>
    public static DateOnly LookBackFrom(DateOnly date, int years) => date.AddYears(-years).AddDays(1);

    private static VisaTreatment Visas(ParityFacts facts, DateOnly date, int years)
    {
        var from = LookBackFrom(date, years);
        // One row over every category: the receiving state's treatment of the sending state's staff as a whole.
        var applications = facts.Applications
            .Where(a => string.Equals(a.IssuingStateCode, facts.ReceivingStateCode, StringComparison.OrdinalIgnoreCase)
                && string.Equals(a.ApplicantStateCode, facts.SendingStateCode, StringComparison.OrdinalIgnoreCase))
            .Select(a => a with { CategoryCode = "*" });
        var row = VisaStatisticsRules.Compute(applications, from, date).SingleOrDefault();
        var policy = PolicyRules.InForce(facts.Policies, facts.ReceivingStateCode, facts.SendingStateCode, date);
        return new VisaTreatment(from, date, row?.DecidedCount ?? 0, row?.MedianDays, row?.P90Days, row?.RefusalRate,
            row?.PendingCount ?? 0, row?.MedianPendingDays, row?.OldestPendingDays, policy?.MaxVisaValidityDays, policy?.ReapplyAfterYears);
    }

    /// <summary>
    /// The summary in plain words. Each sentence reads the same whichever state is A: a gap is told from the side that holds
    /// more, and sentences about both sides name them in the order of their codes, so parity(A, B) and parity(B, A) agree.
    /// </summary>
    private static List<string> Summary(ParitySide a, ParitySide b, int years)
    {
        var (first, second) = string.CompareOrdinal(a.SendingStateCode, b.SendingStateCode) <= 0 ? (a, b) : (b, a);
        var sentences = new List<string>
        {
            Gap(first, second, s => s.DiplomaticAgents.Now, "diplomats", ""),
        };
        if (first.DiplomaticAgents.After != first.DiplomaticAgents.Now || second.DiplomaticAgents.After != second.DiplomaticAgents.Now)
            sentences.Add(Gap(first, second, s => s.DiplomaticAgents.After, "diplomats", "After the pending departure orders, "));
        if (first.Members.Now != first.DiplomaticAgents.Now || second.Members.Now != second.DiplomaticAgents.Now)
            sentences.Add(Gap(first, second, s => s.Members.Now, "members of staff", "Counting every member of staff, "));
        if (Visa(first, second) is { } visa) sentences.Add(visa);
        foreach (var side in new[] { first, second })
        {
            if (side.Visas.Pending > 0)
                sentences.Add($"{StateNames.Capitalised(StateNames.Possessive(side.SendingStateCode))} staff have {ReciprocityRules.Count(side.Visas.Pending, "visa application", "visa applications")} pending with {StateNames.Subject(side.ReceivingStateCode)}" +
                    (side.Visas.OldestPendingDays is { } oldest ? $", the oldest for {oldest} days." : "."));
        }
        foreach (var side in new[] { first, second })
        {
            if (side.Caps.Count > 0)
                sentences.Add($"{StateNames.Capitalised(StateNames.Subject(side.ReceivingStateCode))} limits {StateNames.Possessive(side.SendingStateCode)} missions: {string.Join("; ", side.Caps.Select(c => c.Description))}.");
        }
        sentences.Add($"In the last {ReciprocityRules.Count(years, "year", "years")}, {StateNames.Subject(first.ReceivingStateCode)} took {ReciprocityRules.Count(first.Measures.Count, "measure", "measures")} against {StateNames.Subject(first.SendingStateCode)}, " +
            $"and {StateNames.Subject(second.ReceivingStateCode)} took {second.Measures.Count} against {StateNames.Subject(second.SendingStateCode)}.");
        return sentences;
    }

    private static string Gap(ParitySide first, ParitySide second, Func<ParitySide, int> count, string what, string lead)
    {
        var x = count(first);
        var y = count(second);
        string sentence;
        if (x == y)
            sentence = $"{StateNames.Subject(first.SendingStateCode)} and {StateNames.Subject(second.SendingStateCode)} hold the same number of {what} in each other's country ({x})";
        else
        {
            var (more, less) = x > y ? (first, second) : (second, first);
            sentence = $"{StateNames.Subject(more.SendingStateCode)} holds {Math.Abs(x - y)} more {what} in {StateNames.Subject(more.ReceivingStateCode)} than {StateNames.Subject(less.SendingStateCode)} holds in {StateNames.Subject(less.ReceivingStateCode)} ({Math.Max(x, y)} against {Math.Min(x, y)})";
        }
        return StateNames.Capitalised(lead + sentence) + ".";
    }

    private static string? Visa(ParitySide first, ParitySide second)
    {
        if (first.Visas.MedianDays is not { } x || second.Visas.MedianDays is not { } y || x == y) return null;
        var (slow, fast, s, f) = x > y ? (first, second, x, y) : (second, first, y, x);
        var who = $"{StateNames.Possessive(slow.ReceivingStateCode)} visas for {StateNames.Possessive(slow.SendingStateCode)} staff";
        var than = $"{StateNames.Possessive(fast.ReceivingStateCode)} for {StateNames.Possessive(fast.SendingStateCode)} staff";
        var how = f > 0
            ? $"take {((decimal)s / f).ToString("0.0", CultureInfo.InvariantCulture)}x longer than {than} (median {s} days against {f})"
            : $"take a median {s} days, {than} {f}";
        return StateNames.Capitalised($"{who} {how}.");
    }
}
