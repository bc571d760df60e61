using Chancery.Core.Common;
using Chancery.Core.Missions;
using Chancery.Core.People;

namespace Chancery.Core.Departures;

/// <summary>What the receiving state orders.</summary>
public enum DepartureOrderKind
{
    /// <summary>Declared persona non grata (VCDR art. 9, VCCR art. 23): the receiving state need not give reasons.</summary>
    PersonaNonGrata,
    /// <summary>Asked to leave, typically when visas are not renewed.</summary>
    AskedToLeave,
    /// <summary>Mission size reduced at the receiving state's demand (VCDR art. 11).</summary>
    SizeReduction,
}

/// <summary>Where a named person stands. "Overstayed" is not stored: it is derived from the leave-by date and the grace days.</summary>
public enum DeparturePersonStatus
{
    /// <summary>Not yet left.</summary>
    Pending,
    /// <summary>Left on <see cref="DepartureOrderPerson.DepartedOn"/>.</summary>
    Departed,
    /// <summary>No longer required to leave.</summary>
    Rescinded,
}

/// <summary>A receiving state's order to a mission that named persons leave by a date.</summary>
public sealed class DepartureOrder : Entity
{
    /// <summary>The mission whose staff must leave.</summary>
    public Guid MissionId { get; set; }

    /// <summary>The mission, when loaded.</summary>
    public Mission? Mission { get; set; }

    /// <summary>Persona non grata, asked to leave, size reduction.</summary>
    public DepartureOrderKind Kind { get; set; }

    /// <summary>Day the order was notified to the mission.</summary>
    public DateOnly IssuedOn { get; set; }

    /// <summary>Last day by which the named persons must have left.</summary>
    public DateOnly LeaveBy { get; set; }

    /// <summary>Stated basis, e.g. "visas not renewed" (VCDR art. 9: none need be given).</summary>
    public string? Basis { get; set; }

    /// <summary>The reciprocal measure this order answers or is answered by.</summary>
    public Guid? ReciprocalMeasureId { get; set; }

    /// <summary>The persons named.</summary>
    public List<DepartureOrderPerson> Persons { get; set; } = [];
}

/// <summary>One person named in a departure order, with their assignment and what became of them.</summary>
public sealed class DepartureOrderPerson : Entity
{
    /// <summary>The order.</summary>
    public Guid OrderId { get; set; }

    /// <summary>The order, when loaded.</summary>
    public DepartureOrder? Order { get; set; }

    /// <summary>The person named.</summary>
    public Guid PersonId { get; set; }

    /// <summary>The person, when loaded.</summary>
    public Person? Person { get; set; }

    /// <summary>Their assignment at the mission, which a recorded departure ends.</summary>
    public Guid AssignmentId { get; set; }

    /// <summary>The assignment, when loaded.</summary>
    public Assignment? Assignment { get; set; }

    /// <summary>Whether the household leaves with the person (the usual case); an order may let it stay.</summary>
    public bool FamilyLeaves { get; set; } = true;

    /// <summary>Pending, departed or rescinded.</summary>
    public DeparturePersonStatus Status { get; set; }

    /// <summary>Day of departure, once recorded.</summary>
    public DateOnly? DepartedOn { get; set; }

    /// <summary>Day the order was lifted for this person.</summary>
    public DateOnly? RescindedOn { get; set; }

    /// <summary>The assignment's end date before the departure was recorded, restored on reversal.</summary>
    public DateOnly? PreviousEndedOn { get; set; }

    /// <summary>The assignment's end reason before the departure was recorded, restored on reversal.</summary>
    public EndReason? PreviousEndReason { get; set; }

    /// <summary>Household memberships the recorded departure ended, with their previous end dates.</summary>
    public List<DepartedFamilyMember> FamilyEnded { get; set; } = [];
}

/// <summary>A household membership ended by a recorded departure, with what it was before, so a reversal restores it.</summary>
public sealed class DepartedFamilyMember : Entity
{
    /// <summary>The named person's row in the order.</summary>
    public Guid DepartureOrderPersonId { get; set; }

    /// <summary>The household membership that was ended.</summary>
    public Guid FamilyMemberId { get; set; }

    /// <summary>The membership, when loaded.</summary>
    public FamilyMember? FamilyMember { get; set; }

    /// <summary>Its end date before the departure (usually none).</summary>
    public DateOnly? PreviousEndedOn { get; set; }
}
