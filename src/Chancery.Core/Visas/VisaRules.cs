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
    public static Visa? Current(IEnumerable<Visa> visas, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(visas);
        Visa? best = null;
        foreach (var v in visas)
        {
            if (best is null) { best = v; continue; }
            var vValid = StatusOn(v, date) is VisaStatus.Valid or VisaStatus.Expiring;
            var bValid = StatusOn(best, date) is VisaStatus.Valid or VisaStatus.Expiring;
            if (vValid != bValid) { if (vValid) best = v; continue; }
            if (v.ValidUntil > best.ValidUntil || (v.ValidUntil == best.ValidUntil && v.ValidFrom > best.ValidFrom)) best = v;
        }
        return best;
    }
}
