using Chancery.Core.People;

namespace Chancery.Core.Reciprocity;

/// <summary>A measure in an escalation chain, at its depth (0 for the measure that started it).</summary>
public sealed record EscalationStep(MeasureLine Measure, int Depth);

/// <summary>A measure and every response to it, responses after what they answer.</summary>
public sealed record EscalationChain(IReadOnlyList<EscalationStep> Steps);

/// <summary>Both sides' counts on one day: A's members (and diplomats) in B, B's in A.</summary>
public sealed record ParityPoint(DateOnly On, int AInB, int BInA, int DiplomatsAInB, int DiplomatsBInA);

/// <summary>The escalation between A and B over a span, and both sides' headcounts over it.</summary>
public sealed record ParityTimeline(string A, string B, DateOnly From, DateOnly To, int StepDays, IReadOnlyList<EscalationChain> Chains, IReadOnlyList<ParityPoint> Points);

/// <summary>Pure timeline rules: measures and members in, chains and points out.</summary>
public static class TimelineRules
{
    /// <summary>Longest span, in years.</summary>
    public const int MaxYears = 5;

    /// <summary>Spans up to this many days get a point a day; longer ones a point a week.</summary>
    public const int DailyUpToDays = 400;

    /// <summary>
    /// The chains of measures and responses among <paramref name="measures"/>: each measure that answers none of them starts a
    /// chain; its responses follow it, depth first, by date announced. A chain is kept when one of its measures was announced
    /// from <paramref name="from"/> to <paramref name="to"/>; chains are ordered by their first measure.
    /// </summary>
    public static IReadOnlyList<EscalationChain> Chains(IReadOnlyCollection<ReciprocalMeasure> measures, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var known = measures.Where(m => m.AnnouncedOn <= to).ToDictionary(m => m.Id);
        var responses = known.Values.Where(m => m.InResponseToId is { } r && known.ContainsKey(r)).ToLookup(m => m.InResponseToId!.Value);
        var roots = known.Values.Where(m => m.InResponseToId is not { } r || !known.ContainsKey(r)).OrderBy(m => m.AnnouncedOn).ThenBy(m => m.Id);
        var chains = new List<EscalationChain>();
        foreach (var root in roots)
        {
            var steps = new List<EscalationStep>();
            var seen = new HashSet<Guid>();
            void Walk(ReciprocalMeasure m, int depth)
            {
                if (!seen.Add(m.Id)) return;
                steps.Add(new EscalationStep(ParityRules.Line(m, to), depth));
                foreach (var r in responses[m.Id].OrderBy(x => x.AnnouncedOn).ThenBy(x => x.Id)) Walk(r, depth + 1);
            }
            Walk(root, 0);
            if (steps.Any(s => s.Measure.AnnouncedOn >= from)) chains.Add(new EscalationChain(steps));
        }
        return chains;
    }

    /// <summary>Days between points for a span: 1 up to <see cref="DailyUpToDays"/>, else 7.</summary>
    public static int StepDays(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber <= DailyUpToDays ? 1 : 7;

    /// <summary>
    /// Members counted "now" (<see cref="ParityRules.CountedNow"/>) on each point from <paramref name="from"/> to <paramref name="to"/>
    /// (the last day always included): A's in B from <paramref name="aInB"/>, B's in A from <paramref name="bInA"/>.
    /// </summary>
    public static IReadOnlyList<ParityPoint> Points(IReadOnlyCollection<ParityMember> aInB, IReadOnlyCollection<ParityMember> bInA, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(aInB);
        ArgumentNullException.ThrowIfNull(bInA);
        var step = StepDays(from, to);
        var points = new List<ParityPoint>();
        for (var day = from; day <= to; day = day.AddDays(step))
        {
            points.Add(Point(day));
            if (day < to && day.AddDays(step) > to) points.Add(Point(to));
        }
        return points;

        ParityPoint Point(DateOnly d) => new(d, aInB.Count(m => ParityRules.CountedNow(m, d)), bInA.Count(m => ParityRules.CountedNow(m, d)),
            aInB.Count(m => IsAgent(m) && ParityRules.CountedNow(m, d)), bInA.Count(m => IsAgent(m) && ParityRules.CountedNow(m, d)));
    }

    private static bool IsAgent(ParityMember m) => m.Staff.Category is StaffCategory.HeadOfMission or StaffCategory.Diplomatic;
}
