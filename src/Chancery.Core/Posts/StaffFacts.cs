using Chancery.Core.People;
using Chancery.Core.Visas;

namespace Chancery.Core.Posts;

/// <summary>
/// What decides whether a staff member is still at post on a date: the assignment's dates, the leave-by date of a
/// pending departure order naming them (and whether their household leaves with them, as orders usually say), and the
/// first day their visas no longer cover them (grace included).
/// </summary>
public sealed record StaffFacts(
    Guid AssignmentId, Guid PersonId, string Name, StaffCategory Category, Guid? PostId,
    DateOnly StartOn, DateOnly? EndedOn, DateOnly? PlannedEndOn, DateOnly? LeaveBy, DateOnly? VisaLapsesOn,
    IReadOnlyList<FamilyFacts> Family, bool FamilyLeaves = true)
{
    /// <summary>Whether the assignment covers <paramref name="date"/> (as recorded: started, not ended).</summary>
    public bool AssignedOn(DateOnly date) => StartOn <= date && (EndedOn is not { } ended || date <= ended);

    /// <summary>Named in a pending departure order whose leave-by is before <paramref name="date"/>.</summary>
    public bool OrderedOutOn(DateOnly date) => LeaveBy is { } leaveBy && leaveBy < date;

    /// <summary>Visa ended and grace passed by <paramref name="date"/>, with no later visa.</summary>
    public bool VisaLapsedOn(DateOnly date) => VisaLapsesOn is { } lapse && lapse <= date;

    /// <summary>At post on <paramref name="date"/>: assigned, not ordered out, visa not lapsed.</summary>
    public bool AtPostOn(DateOnly date) => AssignedOn(date) && !OrderedOutOn(date) && !VisaLapsedOn(date);
}

/// <summary>A household member of a staff member: the link's dates and their own visa cover.</summary>
public sealed record FamilyFacts(Guid PersonId, DateOnly StartOn, DateOnly? EndedOn, DateOnly? VisaLapsesOn)
{
    /// <summary>Whether the household link covers <paramref name="date"/>.</summary>
    public bool LinkedOn(DateOnly date) => StartOn <= date && (EndedOn is not { } ended || date <= ended);
}

/// <summary>A visa application as the post and headcount rules need it.</summary>
public sealed record ApplicationFacts(Guid Id, DateOnly FiledOn, DateOnly? DecidedOn, VisaApplicationOutcome Outcome)
{
    /// <summary>The outcome known on <paramref name="date"/>: pending until decided; null before it was filed.</summary>
    public VisaApplicationOutcome? OutcomeOn(DateOnly date) =>
        FiledOn > date ? null : DecidedOn is { } decided && decided <= date ? Outcome : VisaApplicationOutcome.Pending;
}

/// <summary>A nomination as the rules need it.</summary>
public sealed record NominationFacts(
    Guid Id, Guid PostId, Guid NomineeId, string NomineeName, DateOnly NominatedOn, NominationStatus Recorded,
    DateOnly? ExpectedArrivalOn, ApplicationFacts? Application, string? Notes = null, int Version = 1);

/// <summary>Where visas leave a person: computed once per person from their visas and the host's grace period.</summary>
public static class VisaCover
{
    /// <summary>
    /// The first day none of <paramref name="visas"/> covers the holder, as <see cref="VisaRules.StatusOn"/> sees it:
    /// each visa covers through its last valid day plus the grace days (<paramref name="graceDays"/>, by last valid day),
    /// and a cancelled one only until the day before its cancellation (no grace: VisaRules). The latest cover wins.
    /// Null when the person holds no visa (e.g. locally engaged nationals of the receiving state).
    /// </summary>
    public static DateOnly? LapsesOn(IEnumerable<Visa> visas, Func<DateOnly, int> graceDays)
    {
        ArgumentNullException.ThrowIfNull(visas);
        ArgumentNullException.ThrowIfNull(graceDays);
        DateOnly? lapse = null;
        foreach (var v in visas)
        {
            var uncovered = v.ValidUntil.AddDays(graceDays(v.ValidUntil) + 1);
            if (v.CancelledOn is { } cancelled && cancelled < uncovered) uncovered = cancelled;
            if (lapse is null || uncovered > lapse) lapse = uncovered;
        }
        return lapse;
    }
}
