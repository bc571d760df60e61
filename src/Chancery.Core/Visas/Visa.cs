using Chancery.Core.Common;
using Chancery.Core.People;

namespace Chancery.Core.Visas;

/// <summary>How many entries a visa allows.</summary>
public enum VisaEntries
{
    /// <summary>One entry.</summary>
    Single,
    /// <summary>Two entries.</summary>
    Double,
    /// <summary>Any number of entries.</summary>
    Multiple,
}

/// <summary>A visa or accreditation document held by a person.</summary>
public sealed class Visa : Entity
{
    /// <summary>The holder.</summary>
    public Guid HolderId { get; set; }

    /// <summary>The holder, when loaded.</summary>
    public Person? Holder { get; set; }

    /// <summary>ISO code of the issuing state.</summary>
    public required string IssuingStateCode { get; set; }

    /// <summary>Category code as the issuing state writes it: A-1, D, "diplomatic"...</summary>
    public required string CategoryCode { get; set; }

    /// <summary>Visa number.</summary>
    public string? Number { get; set; }

    /// <summary>Date of issue.</summary>
    public DateOnly? IssuedOn { get; set; }

    /// <summary>First valid day.</summary>
    public DateOnly ValidFrom { get; set; }

    /// <summary>Last valid day.</summary>
    public DateOnly ValidUntil { get; set; }

    /// <summary>Single, double or multiple entries.</summary>
    public VisaEntries Entries { get; set; }

    /// <summary>Entries already used (matters for single and double visas).</summary>
    public int EntriesUsed { get; set; }

    /// <summary>Date of cancellation, if cancelled.</summary>
    public DateOnly? CancelledOn { get; set; }

    /// <summary>Reason given for cancellation, if any (VCDR art. 9: none need be given).</summary>
    public string? CancellationReason { get; set; }

    /// <summary>The visa this one renews or extends, if any: a renewal is a new visa linked to the old, which stays as it was.</summary>
    public Guid? ReplacesVisaId { get; set; }
}
