using Chancery.Core.Common;
using Chancery.Core.Missions;
using Chancery.Core.People;

namespace Chancery.Core.Policies;

/// <summary>
/// A receiving state's limit on the size of missions (VCDR art. 11: it may require the size to be kept
/// within what it considers reasonable), for every sending state or one, every mission of it or one,
/// all members or one staff category; a limit of 0 on <see cref="StaffCategory.LocallyEngaged"/> is a hiring ban.
/// </summary>
public sealed class StaffingCap : Entity
{
    /// <summary>ISO code of the state imposing the cap.</summary>
    public required string ReceivingStateCode { get; set; }

    /// <summary>Narrowed to missions of this sending state; null for all.</summary>
    public string? SendingStateCode { get; set; }

    /// <summary>Narrowed to one mission; null for every mission in scope.</summary>
    public Guid? MissionId { get; set; }

    /// <summary>The mission, when loaded.</summary>
    public Mission? Mission { get; set; }

    /// <summary>Counted staff category; null counts every member (not locally engaged staff nor private servants).</summary>
    public StaffCategory? Category { get; set; }

    /// <summary>Whether the limit is for all missions in scope together rather than for each one.</summary>
    public bool Combined { get; set; }

    /// <summary>Most persons allowed; 0 forbids any (a hiring ban).</summary>
    public int Limit { get; set; }

    /// <summary>First day in force: also the deadline for a mission over the limit.</summary>
    public DateOnly InForceFrom { get; set; }

    /// <summary>Last day in force; null while open-ended.</summary>
    public DateOnly? InForceUntil { get; set; }

    /// <summary>Free-text note (note verbale, source).</summary>
    public string? Note { get; set; }

    /// <summary>The reciprocal measure this cap belongs to.</summary>
    public Guid? ReciprocalMeasureId { get; set; }
}
