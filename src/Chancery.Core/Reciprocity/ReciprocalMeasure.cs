using Chancery.Core.Common;
using Chancery.Core.People;

namespace Chancery.Core.Reciprocity;

/// <summary>
/// Kinds of step one state takes against another. Each kind says what its magnitude counts
/// (<see cref="ReciprocityRules.UnitOf"/>): persons, a cap value, days, years, kilometres, or nothing.
/// </summary>
public enum ReciprocalMeasureKind
{
    /// <summary>Expulsion of N persons (VCDR art. 9); magnitude: persons.</summary>
    Expulsion,
    /// <summary>Cap on the members of the target's missions (VCDR art. 11); magnitude: the cap.</summary>
    MissionSizeCap,
    /// <summary>Cap on one staff category of the target's missions (art. 11); magnitude: the cap; the category is named.</summary>
    CategoryCap,
    /// <summary>Ban on the target's missions employing local staff; no magnitude.</summary>
    LocalHiringBan,
    /// <summary>Slower visa issuance for the target's staff; magnitude, if known: the days it now takes.</summary>
    VisaSlowdown,
    /// <summary>Shorter visa validity for the target's staff; magnitude: the longest validity, in days.</summary>
    VisaValidityLimit,
    /// <summary>The target's staff must reapply for a new visa after N years in post; magnitude: years.</summary>
    VisaReapplicationRule,
    /// <summary>The target's staff must notify travel beyond a radius; magnitude: km, with the days of notice.</summary>
    TravelNotificationRule,
    /// <summary>Closure of one of the target's missions; no magnitude.</summary>
    MissionClosure,
    /// <summary>The acting state's own ambassador recalled for consultations; ended when they return.</summary>
    AmbassadorRecalled,
    /// <summary>Economic or personal sanctions; no magnitude.</summary>
    Sanctions,
}

/// <summary>
/// A step one state (the acting state) takes against another (the target state), optionally in response to an earlier
/// one: the ledger that reciprocity (VCDR art. 47(2)(a)) is weighed on. Departure orders, staffing caps and host
/// policies may point at the measure they implement.
/// </summary>
public sealed class ReciprocalMeasure : Entity
{
    /// <summary>ISO code of the state taking the measure.</summary>
    public required string ActingStateCode { get; set; }

    /// <summary>ISO code of the state the measure is taken against.</summary>
    public required string TargetStateCode { get; set; }

    /// <summary>What kind of measure.</summary>
    public ReciprocalMeasureKind Kind { get; set; }

    /// <summary>Day it was announced (notified, published).</summary>
    public DateOnly AnnouncedOn { get; set; }

    /// <summary>First day it takes effect (on or after the announcement).</summary>
    public DateOnly InForceFrom { get; set; }

    /// <summary>Day it ended (ambassador returned, ban lifted); null while it lasts.</summary>
    public DateOnly? EndedOn { get; set; }

    /// <summary>Persons, cap value, days, years or km, as the kind says; null where the kind has none.</summary>
    public int? Magnitude { get; set; }

    /// <summary>Days of notice, for a travel-notification rule.</summary>
    public int? NoticeDays { get; set; }

    /// <summary>The staff category capped, for a category cap.</summary>
    public StaffCategory? Category { get; set; }

    /// <summary>Where the record comes from (note verbale, press statement).</summary>
    public string? Source { get; set; }

    /// <summary>The earlier measure this one answers, if any.</summary>
    public Guid? InResponseToId { get; set; }

    /// <summary>The earlier measure, when loaded.</summary>
    public ReciprocalMeasure? InResponseTo { get; set; }
}
