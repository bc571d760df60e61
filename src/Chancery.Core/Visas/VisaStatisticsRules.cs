namespace Chancery.Core.Visas;

/// <summary>
/// A visa application with the applicant's state resolved (the sending state of the mission where the applicant
/// serves or lives, else their nationality): the unit of processing-time statistics.
/// </summary>
public sealed record ResolvedApplication(
    Guid Id, string IssuingStateCode, string ApplicantStateCode, string CategoryCode,
    DateOnly FiledOn, DateOnly? DecidedOn, VisaApplicationOutcome Outcome)
{
    /// <summary>Granted or refused (a withdrawal is no decision of the issuing state).</summary>
    public bool IsDecision => Outcome is VisaApplicationOutcome.Granted or VisaApplicationOutcome.Refused && DecidedOn is not null;

    /// <summary>Days from filing to decision, for a decision.</summary>
    public int DaysToDecision => DecidedOn is { } d ? d.DayNumber - FiledOn.DayNumber : 0;

    /// <summary>Whether the application was filed and still undecided on <paramref name="date"/>.</summary>
    public bool IsPendingOn(DateOnly date) => FiledOn <= date && (DecidedOn is not { } d || d > date);
}

/// <summary>Median and 90th percentile of days to decision, by nearest rank.</summary>
public sealed record ProcessingTimes(int Count, int MedianDays, int P90Days);

/// <summary>One row of processing-time statistics: an issuing state, an applicant state and a category over a window.</summary>
public sealed record VisaStatisticsRow(
    string IssuingStateCode, string ApplicantStateCode, string CategoryCode,
    int DecidedCount, int GrantedCount, int RefusedCount, int? MedianDays, int? P90Days, decimal? RefusalRate,
    int WithdrawnCount, int PendingCount, int? MedianPendingDays, int? OldestPendingDays);

/// <summary>Pure processing-time statistics: applications and a window in, rows out.</summary>
public static class VisaStatisticsRules
{
    /// <summary>
    /// The value at percentile <paramref name="percent"/> of <paramref name="sorted"/> by nearest rank: the smallest value
    /// with at least that share of values at or below it (rank = ceil(p/100 × n), 1-based).
    /// </summary>
    public static int NearestRank(IReadOnlyList<int> sorted, int percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("No values.", nameof(sorted));
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>Median and p90 of <paramref name="days"/> by nearest rank; null when there are none.</summary>
    public static ProcessingTimes? Times(IEnumerable<int> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var sorted = days.Order().ToList();
        return sorted.Count == 0 ? null : new ProcessingTimes(sorted.Count, NearestRank(sorted, 50), NearestRank(sorted, 90));
    }

    /// <summary>
    /// Decisions (granted or refused) taken in (<paramref name="asOf"/> − 365 days, <paramref name="asOf"/>]: the reference
    /// for whether a pending application is slow.
    /// </summary>
    public static bool IsInReferenceYear(ResolvedApplication application, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.IsDecision && application.DecidedOn!.Value <= asOf && application.DecidedOn.Value > asOf.AddDays(-365);
    }

    /// <summary>
    /// Statistics per issuing state, applicant state and category over [<paramref name="from"/>, <paramref name="to"/>]:
    /// decisions taken in the window (count, median and p90 days, refusal rate), withdrawals in the window, and the
    /// applications still pending on <paramref name="to"/> with their ages on that day.
    /// </summary>
    public static IReadOnlyList<VisaStatisticsRow> Compute(IEnumerable<ResolvedApplication> applications, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(applications);
        bool InWindow(DateOnly? day) => day is { } x && x >= from && x <= to;
        return [.. applications
            .GroupBy(a => (a.IssuingStateCode, a.ApplicantStateCode, a.CategoryCode))
            .Select(g =>
            {
                var decided = g.Where(a => a.IsDecision && InWindow(a.DecidedOn)).ToList();
                var granted = decided.Count(a => a.Outcome == VisaApplicationOutcome.Granted);
                var refused = decided.Count - granted;
                var times = Times(decided.Select(a => a.DaysToDecision));
                var withdrawn = g.Count(a => a.Outcome == VisaApplicationOutcome.Withdrawn && InWindow(a.DecidedOn));
                var pendingAges = g.Where(a => a.IsPendingOn(to)).Select(a => to.DayNumber - a.FiledOn.DayNumber).Order().ToList();
                return new VisaStatisticsRow(
                    g.Key.IssuingStateCode, g.Key.ApplicantStateCode, g.Key.CategoryCode,
                    decided.Count, granted, refused, times?.MedianDays, times?.P90Days,
                    decided.Count == 0 ? null : Math.Round((decimal)refused / decided.Count, 4),
                    withdrawn, pendingAges.Count,
                    pendingAges.Count == 0 ? null : NearestRank(pendingAges, 50),
                    pendingAges.Count == 0 ? null : pendingAges[^1]);
            })
            .Where(r => r.DecidedCount + r.WithdrawnCount + r.PendingCount > 0)
            .OrderBy(r => r.IssuingStateCode, StringComparer.Ordinal)
            .ThenBy(r => r.ApplicantStateCode, StringComparer.Ordinal)
            .ThenBy(r => r.CategoryCode, StringComparer.Ordinal)];
    }
}
