using Chancery.Core.Common;
using Chancery.Core.Missions;

namespace Chancery.Core.People;

/// <summary>Staff categories of VCDR art. 1, plus locally engaged staff and private servants.</summary>
public enum StaffCategory
{
    /// <summary>Head of mission (ambassador, chargé d'affaires).</summary>
    HeadOfMission,
    /// <summary>Member of the diplomatic staff (a diplomatic agent).</summary>
    Diplomatic,
    /// <summary>Administrative and technical staff.</summary>
    AdministrativeTechnical,
    /// <summary>Service staff.</summary>
    Service,
    /// <summary>Locally engaged staff, hired in the receiving state.</summary>
    LocallyEngaged,
    /// <summary>Private servant of a member; recorded, but not a member of the mission (VCDR art. 1(h)).</summary>
    PrivateServant,
}

/// <summary>Why an assignment ended.</summary>
public enum EndReason
{
    /// <summary>Tour completed.</summary>
    EndOfTour,
    /// <summary>Recalled by the sending state.</summary>
    Recalled,
    /// <summary>Declared persona non grata (VCDR art. 9).</summary>
    PersonaNonGrata,
    /// <summary>Asked to leave by the receiving state (e.g. at visa expiry).</summary>
    AskedToLeave,
    /// <summary>Mission size reduced at the receiving state's demand (VCDR art. 11).</summary>
    SizeReduction,
    /// <summary>Contract ended or resigned (typical for local staff).</summary>
    Resigned,
    /// <summary>Died in post.</summary>
    Deceased,
    /// <summary>Any other reason.</summary>
    Other,
}

/// <summary>A person serving at a mission.</summary>
public sealed class Assignment : Entity
{
    /// <summary>The person.</summary>
    public Guid PersonId { get; set; }

    /// <summary>The person, when loaded.</summary>
    public Person? Person { get; set; }

    /// <summary>The mission.</summary>
    public Guid MissionId { get; set; }

    /// <summary>The mission, when loaded.</summary>
    public Mission? Mission { get; set; }

    /// <summary>VCDR staff category.</summary>
    public StaffCategory Category { get; set; }

    /// <summary>Title or function, e.g. "First Secretary (Political)".</summary>
    public required string Title { get; set; }

    /// <summary>Diplomatic rank, when different from the title.</summary>
    public string? Rank { get; set; }

    /// <summary>First day of service at the mission.</summary>
    public DateOnly StartOn { get; set; }

    /// <summary>Arrival date notified to the receiving ministry (VCDR art. 10).</summary>
    public DateOnly? NotifiedArrivalOn { get; set; }

    /// <summary>Planned end of tour.</summary>
    public DateOnly? PlannedEndOn { get; set; }

    /// <summary>Actual last day, once ended.</summary>
    public DateOnly? EndedOn { get; set; }

    /// <summary>Why it ended.</summary>
    public EndReason? EndReason { get; set; }

    /// <summary>The post this assignment fills, if recorded (the post's holder history is its assignments over time).</summary>
    public Guid? PostId { get; set; }

    /// <summary>Household members linked to this assignment.</summary>
    public List<FamilyMember> Family { get; set; } = [];

    /// <summary>Whether the person is a member of the mission in the VCDR sense.</summary>
    public bool IsMember => Category != StaffCategory.PrivateServant;

    /// <summary>Whether the assignment covers <paramref name="date"/>.</summary>
    public bool IsActiveOn(DateOnly date) => StartOn <= date && (EndedOn is null || EndedOn >= date);
}
