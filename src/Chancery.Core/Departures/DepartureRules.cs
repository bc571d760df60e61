using Chancery.Core.People;

namespace Chancery.Core.Departures;

/// <summary>Where a named person stands on a given date, including the derived "overstayed".</summary>
public enum DepartureProgress
{
    /// <summary>Still there, within leave-by plus grace.</summary>
    Pending,
    /// <summary>Still there after leave-by plus the host policy's grace days.</summary>
    Overstayed,
    /// <summary>Left.</summary>
    Departed,
    /// <summary>The order was lifted for this person.</summary>
    Rescinded,
}

/// <summary>How many named persons stand where on a date.</summary>
public sealed record DepartureCounts(int Pending, int Overstayed, int Departed, int Rescinded)
{
    /// <summary>Everyone named.</summary>
    public int Total => Pending + Overstayed + Departed + Rescinded;

    /// <summary>Those who still have to leave (pending or overstayed).</summary>
    public int StillThere => Pending + Overstayed;
}

/// <summary>Pure rules about departure orders: data and a date in, an answer out.</summary>
public static class DepartureRules
{
    /// <summary>The last day a named person may still be there: leave-by plus the grace days of the host policy in force.</summary>
    public static DateOnly OverstayedAfter(DateOnly leaveBy, int? graceDays) => leaveBy.AddDays(Math.Max(0, graceDays ?? 0));

    /// <summary>
    /// Where a named person stands on <paramref name="date"/>: departed or rescinded from the day recorded,
    /// overstayed once <paramref name="date"/> is past leave-by plus grace, pending before.
    /// </summary>
    public static DepartureProgress StatusOn(DeparturePersonStatus status, DateOnly? departedOn, DateOnly? rescindedOn, DateOnly leaveBy, int? graceDays, DateOnly date)
    {
        if (status == DeparturePersonStatus.Departed && departedOn is { } d && d <= date) return DepartureProgress.Departed;
        if (status == DeparturePersonStatus.Rescinded && rescindedOn is { } r && r <= date) return DepartureProgress.Rescinded;
        return date > OverstayedAfter(leaveBy, graceDays) ? DepartureProgress.Overstayed : DepartureProgress.Pending;
    }

    /// <summary>Whether the person is still there on <paramref name="date"/> after leave-by plus grace.</summary>
    public static bool IsOverstayed(DeparturePersonStatus status, DateOnly? departedOn, DateOnly? rescindedOn, DateOnly leaveBy, int? graceDays, DateOnly date) =>
        StatusOn(status, departedOn, rescindedOn, leaveBy, graceDays, date) == DepartureProgress.Overstayed;

    /// <summary>Counts of each progress.</summary>
    public static DepartureCounts Count(IEnumerable<DepartureProgress> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        int pending = 0, overstayed = 0, departed = 0, rescinded = 0;
        foreach (var s in statuses)
        {
            switch (s)
            {
                case DepartureProgress.Pending: pending++; break;
                case DepartureProgress.Overstayed: overstayed++; break;
                case DepartureProgress.Departed: departed++; break;
                default: rescinded++; break;
            }
        }
        return new(pending, overstayed, departed, rescinded);
    }

    /// <summary>The end reason a recorded departure gives the assignment.</summary>
    public static EndReason EndReasonFor(DepartureOrderKind kind) => kind switch
    {
        DepartureOrderKind.PersonaNonGrata => EndReason.PersonaNonGrata,
        DepartureOrderKind.AskedToLeave => EndReason.AskedToLeave,
        _ => EndReason.SizeReduction,
    };
}
