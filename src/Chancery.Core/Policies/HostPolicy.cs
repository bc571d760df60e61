using Chancery.Core.Common;

namespace Chancery.Core.Policies;

/// <summary>
/// A receiving state's visa rules, for every sending state or narrowed to one, in force over a date range.
/// VCDR art. 47: a state may treat another restrictively in reciprocity, hence the optional sending state.
/// </summary>
public sealed class HostPolicy : Entity
{
    /// <summary>ISO code of the state whose rules these are.</summary>
    public required string ReceivingStateCode { get; set; }

    /// <summary>ISO code of the sending state the rules apply to; null for all sending states.</summary>
    public string? SendingStateCode { get; set; }

    /// <summary>First day in force.</summary>
    public DateOnly InForceFrom { get; set; }

    /// <summary>Last day in force; null while open-ended.</summary>
    public DateOnly? InForceUntil { get; set; }

    /// <summary>Longest validity a visa may be given, in days.</summary>
    public int? MaxVisaValidityDays { get; set; }

    /// <summary>After this many years in post the holder must apply for a new visa, not a renewal.</summary>
    public int? ReapplyAfterYears { get; set; }

    /// <summary>A renewal must be filed at least this many days before expiry.</summary>
    public int? RenewalLeadDays { get; set; }

    /// <summary>Days after expiry in which the holder may still leave.</summary>
    public int? GraceDays { get; set; }

    /// <summary>Whether family members' visas end with the principal's.</summary>
    public bool FamilyVisasEndWithPrincipal { get; set; }

    /// <summary>Free-text note (source, reference of the note verbale).</summary>
    public string? Note { get; set; }

    /// <summary>The reciprocal measure this policy implements, if any.</summary>
    public Guid? ReciprocalMeasureId { get; set; }
}
