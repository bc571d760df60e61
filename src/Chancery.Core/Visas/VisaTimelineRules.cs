namespace Chancery.Core.Visas;

/// <summary>
/// Days a person was present in a receiving state for a mission of a sending state: an assignment there, or
/// membership of a household at post. Both ends inclusive; <see cref="Until"/> is null while it lasts.
/// </summary>
public sealed record Presence(string ReceivingStateCode, string SendingStateCode, DateOnly From, DateOnly? Until);

/// <summary>
/// Days on which a present person held no valid visa of the receiving state. <see cref="Ongoing"/> when the gap
/// reaches the as-of date: the person has no valid visa that day.
/// </summary>
public sealed record VisaGap(string ReceivingStateCode, DateOnly From, DateOnly Until, bool Ongoing)
{
    /// <summary>Number of days in the gap, both ends counted.</summary>
    public int Days => Until.DayNumber - From.DayNumber + 1;
}

/// <summary>A visa on a person's timeline, with its state on the timeline's date and the renewal chain around it.</summary>
public sealed record TimelineVisa(
    Guid Id, string IssuingStateCode, string CategoryCode, string? Number, DateOnly ValidFrom, DateOnly ValidUntil, DateOnly? CancelledOn,
    VisaStatus Status, DateOnly? GraceUntil, Guid? ReplacesVisaId, Guid? ReplacedByVisaId);

/// <summary>
/// An application on a person's timeline as it stood on the timeline's date: one decided after that date is
/// still pending there. <see cref="Days"/> counts filing to decision, or filing to the date while pending.
/// </summary>
public sealed record TimelineApplication(
    Guid Id, VisaApplicationKind Kind, string IssuingStateCode, string CategoryCode, DateOnly FiledOn, DateOnly? DecidedOn,
    VisaApplicationOutcome Outcome, int Days, Guid? ResultingVisaId, Guid? ReplacesVisaId);

/// <summary>What a timeline entry is.</summary>
public enum VisaTimelineEntryKind
{
    /// <summary>A visa held.</summary>
    Visa,
    /// <summary>An application filed.</summary>
    Application,
    /// <summary>Days present without a valid visa.</summary>
    Gap,
}

/// <summary>One entry of a visa timeline: its kind, the days it spans, and the one detail matching its kind.</summary>
public sealed record VisaTimelineEntry(
    VisaTimelineEntryKind Kind, DateOnly From, DateOnly? Until, TimelineVisa? Visa = null, TimelineApplication? Application = null, VisaGap? Gap = null);

/// <summary>A person's visas, applications and gaps in date order, as of a date.</summary>
public sealed record VisaTimeline(Guid PersonId, DateOnly AsOf, IReadOnlyList<VisaTimelineEntry> Entries);

/// <summary>Pure rules of the visa timeline: data and a date in, an answer out.</summary>
public static class VisaTimelineRules
{
    /// <summary>
    /// The days up to <paramref name="asOf"/> on which the person was present in a receiving state (see
    /// <see cref="Presence"/>) without a valid visa issued by that state. A visa covers its valid-from to valid-until
    /// days, or up to the day before its cancellation; a grace period after expiry does not cover (the holder may only
    /// leave). Back-to-back visas and overlapping presences leave no gap between them.
    /// </summary>
    public static IReadOnlyList<VisaGap> Gaps(IEnumerable<Presence> presence, IEnumerable<Visa> visas, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(presence);
        ArgumentNullException.ThrowIfNull(visas);
        var visaList = visas.ToList();
        var gaps = new List<VisaGap>();
        foreach (var state in presence.GroupBy(p => p.ReceivingStateCode, StringComparer.OrdinalIgnoreCase))
        {
            var present = Merge(state.Where(p => p.From <= asOf)
                .Select(p => (p.From.DayNumber, Math.Min((p.Until ?? asOf).DayNumber, asOf.DayNumber))));
            var covered = Merge(visaList.Where(v => string.Equals(v.IssuingStateCode, state.Key, StringComparison.OrdinalIgnoreCase)).Select(CoveredDays));
            foreach (var (start, end) in present)
            {
                var cursor = start;
                foreach (var (from, until) in covered)
                {
                    if (until < cursor) continue;
                    if (from > end) break;
                    if (from > cursor) gaps.Add(Gap(state.Key, cursor, from - 1, asOf));
                    cursor = until + 1;
                    if (cursor > end) break;
                }
                if (cursor <= end) gaps.Add(Gap(state.Key, cursor, end, asOf));
            }
        }
        return [.. gaps.OrderBy(g => g.From).ThenBy(g => g.ReceivingStateCode, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A person's timeline on <paramref name="asOf"/>: every visa (with its state that day and its place in the
    /// renewal chain), the applications filed by then, and the <see cref="Gaps"/>, ordered by their first day.
    /// <paramref name="graceDays"/> gives the grace period the host policy allows after a visa's expiry.
    /// </summary>
    public static VisaTimeline Build(
        Guid personId, IEnumerable<Visa> visas, IEnumerable<VisaApplication> applications, IEnumerable<Presence> presence, DateOnly asOf, Func<Visa, int> graceDays)
    {
        ArgumentNullException.ThrowIfNull(visas);
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(graceDays);
        var visaList = visas.ToList();
        // A visa renewed twice by mistake keeps the earliest renewal as its successor.
        var successor = visaList.Where(v => v.ReplacesVisaId is not null)
            .GroupBy(v => v.ReplacesVisaId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.ValidFrom).ThenBy(v => v.Id).First().Id);

        var entries = new List<VisaTimelineEntry>();
        foreach (var v in visaList)
        {
            var grace = graceDays(v);
            var status = VisaRules.StatusOn(v, asOf, graceDays: grace);
            var graceUntil = GraceUntil(v, status, grace);
            var item = new TimelineVisa(v.Id, v.IssuingStateCode, v.CategoryCode, v.Number, v.ValidFrom, v.ValidUntil, v.CancelledOn,
                status, graceUntil, v.ReplacesVisaId, successor.TryGetValue(v.Id, out var next) ? next : null);
            entries.Add(new VisaTimelineEntry(VisaTimelineEntryKind.Visa, v.ValidFrom, v.ValidUntil, Visa: item));
        }
        foreach (var a in applications.Where(a => a.FiledOn <= asOf))
        {
            var decided = a.DecidedOn is { } d && d <= asOf ? d : (DateOnly?)null;
            var item = new TimelineApplication(a.Id, a.Kind, a.IssuingStateCode, a.CategoryCode, a.FiledOn, decided,
                decided is null ? VisaApplicationOutcome.Pending : a.Outcome, (decided ?? asOf).DayNumber - a.FiledOn.DayNumber,
                decided is null ? null : a.ResultingVisaId, a.ReplacesVisaId);
            entries.Add(new VisaTimelineEntry(VisaTimelineEntryKind.Application, a.FiledOn, decided, Application: item));
        }
        entries.AddRange(Gaps(presence, visaList, asOf).Select(g => new VisaTimelineEntry(VisaTimelineEntryKind.Gap, g.From, g.Until, Gap: g)));
        return new VisaTimeline(personId, asOf, [.. entries.OrderBy(e => e.From).ThenBy(e => e.Kind).ThenBy(e => e.Until ?? DateOnly.MaxValue)]);
    }

    /// <summary>
    /// The sending state a person served for in <paramref name="receivingStateCode"/> on <paramref name="date"/>: the
    /// presence covering that day, else the latest one begun by then, else the earliest. Null when never present there.
    /// </summary>
    public static string? SendingStateIn(IEnumerable<Presence> presence, string receivingStateCode, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(presence);
        var there = presence.Where(p => string.Equals(p.ReceivingStateCode, receivingStateCode, StringComparison.OrdinalIgnoreCase)).ToList();
        return (there.Where(p => p.From <= date && (p.Until is not { } u || u >= date)).OrderByDescending(p => p.From).FirstOrDefault()
            ?? there.Where(p => p.From <= date).OrderByDescending(p => p.From).FirstOrDefault()
            ?? there.OrderBy(p => p.From).FirstOrDefault())?.SendingStateCode;
    }

    /// <summary>
    /// The last day a holder may still leave on <paramref name="visa"/> after its expiry, given the host policy's
    /// <paramref name="graceDays"/>; null without a grace period or once the visa is cancelled.
    /// </summary>
    public static DateOnly? GraceUntil(Visa visa, VisaStatus status, int graceDays)
    {
        ArgumentNullException.ThrowIfNull(visa);
        return graceDays > 0 && status != VisaStatus.Cancelled ? visa.ValidUntil.AddDays(graceDays) : null;
    }

    private static (int Start, int End) CoveredDays(Visa v)
    {
        var end = v.CancelledOn is { } c && c <= v.ValidUntil ? c.DayNumber - 1 : v.ValidUntil.DayNumber;
        return (v.ValidFrom.DayNumber, end);
    }

    // Sorted, with overlapping or adjacent ranges joined; empty ranges dropped.
    private static List<(int Start, int End)> Merge(IEnumerable<(int Start, int End)> ranges)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var r in ranges.Where(r => r.Start <= r.End).OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End + 1)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, r.End));
            else
                merged.Add(r);
        }
        return merged;
    }

    private static VisaGap Gap(string state, int from, int until, DateOnly asOf) =>
        new(state, DateOnly.FromDayNumber(from), DateOnly.FromDayNumber(until), until == asOf.DayNumber);
}
