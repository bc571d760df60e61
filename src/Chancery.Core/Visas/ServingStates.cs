using System.Runtime.InteropServices;

namespace Chancery.Core.Visas;

/// <summary>An application's row before its applicant's state is resolved.</summary>
internal readonly record struct DecisionRow(
    Guid Id, Guid ApplicantId, string IssuingStateCode, string CategoryCode, DateOnly FiledOn, DateOnly? DecidedOn, VisaApplicationOutcome Outcome);

/// <summary>
/// The state a person serves on a date, for processing times by applicant state: the sending state of the mission of
/// their active assignment, else of their principal's mission as household. Of two active assignments (or two household
/// links) the one that started first counts, then the lower identifier, as an ORDER BY on both databases would give.
/// </summary>
internal sealed class ServingStates
{
    private readonly Dictionary<Guid, (bool Staff, DateOnly StartOn, Guid Id, string State)> _kept = [];

    /// <summary>An assignment active on the date.</summary>
    public void AddStaff(Guid personId, Guid assignmentId, DateOnly startOn, string sendingState) =>
        Keep(personId, (true, startOn, assignmentId, sendingState));

    /// <summary>A household link active on the date, whose principal's assignment is active too.</summary>
    public void AddHousehold(Guid personId, Guid linkId, DateOnly startOn, string sendingState) =>
        Keep(personId, (false, startOn, linkId, sendingState));

    /// <summary>The state the person serves, or null when they serve nowhere on the date.</summary>
    public string? StateOf(Guid personId) => _kept.TryGetValue(personId, out var kept) ? kept.State : null;

    // Staff before household, then the earlier start, then the lower identifier. Guid.CompareTo orders identifiers as
    // both databases do: SQLite compares the upper-case text, PostgreSQL the uuid, both in the order of the canonical form.
    private void Keep(Guid personId, (bool Staff, DateOnly StartOn, Guid Id, string State) candidate)
    {
        ref var kept = ref CollectionsMarshal.GetValueRefOrAddDefault(_kept, personId, out var exists);
        if (!exists || (candidate.Staff && !kept.Staff)
            || (candidate.Staff == kept.Staff && (candidate.StartOn < kept.StartOn || (candidate.StartOn == kept.StartOn && candidate.Id.CompareTo(kept.Id) < 0))))
            kept = candidate;
    }
}
