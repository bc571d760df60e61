namespace Chancery.Core.Visas;

/// <summary>A visa's state on a given date.</summary>
public enum VisaStatus
{
    /// <summary>Valid-from is after the date.</summary>
    NotYetValid,
    /// <summary>Valid and not close to expiry.</summary>
    Valid,
    /// <summary>Valid, but ends within the warning threshold.</summary>
    Expiring,
    /// <summary>Valid-until has passed.</summary>
    Expired,
    /// <summary>Cancelled on or before the date.</summary>
    Cancelled,
    /// <summary>Valid-until has passed, but the host policy's grace period to leave has not.</summary>
    // Added after the others: the names are stored and serialised, and their order must not shift.
    InGracePeriod,
}

/// <summary>Pure rules about visas: data and a date in, an answer out.</summary>
public static class VisaRules
{
    /// <summary>Days before expiry from which a visa shows as expiring, unless told otherwise.</summary>
    public const int DefaultExpiringWithinDays = 30;

    /// <summary>
    /// The visa's state on <paramref name="date"/>. A visa is valid through its valid-until day; with a grace period
    /// (<see cref="Policies.HostPolicy.GraceDays"/>) it is in grace for that many days after, then expired.
    /// </summary>
    public static VisaStatus StatusOn(Visa visa, DateOnly date, int expiringWithinDays = DefaultExpiringWithinDays, int graceDays = 0)
    {
        ArgumentNullException.ThrowIfNull(visa);
        return StatusOn(new VisaDates(visa.ValidFrom, visa.ValidUntil, visa.CancelledOn), date, expiringWithinDays, graceDays);
    }

    /// <summary><see cref="StatusOn(Visa, DateOnly, int, int)"/> for a visa's dates alone (slim rows, no entity).</summary>
    public static VisaStatus StatusOn(VisaDates visa, DateOnly date, int expiringWithinDays = DefaultExpiringWithinDays, int graceDays = 0)
    {
        if (visa.CancelledOn is { } cancelled && cancelled <= date) return VisaStatus.Cancelled;
        if (date < visa.ValidFrom) return VisaStatus.NotYetValid;
        if (date > visa.ValidUntil)
            return date.DayNumber - visa.ValidUntil.DayNumber <= graceDays ? VisaStatus.InGracePeriod : VisaStatus.Expired;
        // Inclusive, like VisaQuery.ExpiresBy: a visa ending exactly N days from the date ends within N days.
        return visa.ValidUntil.DayNumber - date.DayNumber <= expiringWithinDays ? VisaStatus.Expiring : VisaStatus.Valid;
    }

    /// <summary>
    /// The visa that speaks for a person on a date: one valid that day (the longest-running), else the
    /// most recent one. Null when the person holds none.
    /// </summary>
    public static Visa? Current(IEnumerable<Visa> visas, DateOnly date) =>
        Current(visas, date, v => new VisaDates(v.ValidFrom, v.ValidUntil, v.CancelledOn));

    /// <summary>
    /// <see cref="Current(IEnumerable{Visa}, DateOnly)"/> for any row that carries a visa's dates, so that readers
    /// loading slim projections (the alerts at world scale) choose the same visa without building entities.
    /// </summary>
    public static T? Current<T>(IEnumerable<T> visas, DateOnly date, Func<T, VisaDates> dates) where T : class
    {
        ArgumentNullException.ThrowIfNull(visas);
        ArgumentNullException.ThrowIfNull(dates);
        T? best = null;
        VisaDates bestDates = default;
        foreach (var v in visas)
        {
            var d = dates(v);
            if (best is null || Supersedes(d, bestDates, date)) (best, bestDates) = (v, d);
        }
        return best;
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> speaks for its holder on <paramref name="date"/> rather than
    /// <paramref name="best"/>: valid that day when the other is not, else ending later, else starting later. The fold of
    /// <see cref="Current{T}"/>, for readers that keep only the current visa as rows stream by.
    /// </summary>
    public static bool Supersedes(VisaDates candidate, VisaDates best, DateOnly date)
    {
        var valid = candidate.IsValidOn(date);
        if (valid != best.IsValidOn(date)) return valid;
        return candidate.ValidUntil > best.ValidUntil || (candidate.ValidUntil == best.ValidUntil && candidate.ValidFrom > best.ValidFrom);
    }
}

/// <summary>The dates that decide a visa's validity.</summary>
public readonly record struct VisaDates(DateOnly ValidFrom, DateOnly ValidUntil, DateOnly? CancelledOn)
{
    /// <summary>Valid that day: not cancelled on or before it, and within its validity (both ends inclusive).</summary>
    public bool IsValidOn(DateOnly date) => (CancelledOn is not { } c || c > date) && ValidFrom <= date && date <= ValidUntil;
}
