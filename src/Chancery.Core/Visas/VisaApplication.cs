using Chancery.Core.Common;
using Chancery.Core.People;

namespace Chancery.Core.Visas;

/// <summary>What an application asks for.</summary>
public enum VisaApplicationKind
{
    /// <summary>A new visa (also the "reapply after N years" case: not a renewal).</summary>
    New,
    /// <summary>A renewal of a visa that ends.</summary>
    Renewal,
    /// <summary>An extension of a visa's validity.</summary>
    Extension,
}

/// <summary>Where an application stands.</summary>
public enum VisaApplicationOutcome
{
    /// <summary>Filed, not decided.</summary>
    Pending,
    /// <summary>Granted; the visa it produced may be linked.</summary>
    Granted,
    /// <summary>Refused (VCDR art. 9: the receiving state need not give reasons).</summary>
    Refused,
    /// <summary>Withdrawn by the applicant.</summary>
    Withdrawn,
}

/// <summary>
/// A request for a new visa, a renewal or an extension: the source of processing-time statistics and of
/// "renewal pending" in travel risk. A granted renewal produces a separate visa; nothing is overwritten.
/// </summary>
public sealed class VisaApplication : Entity
{
    /// <summary>The person the visa is asked for.</summary>
    public Guid ApplicantId { get; set; }

    /// <summary>The applicant, when loaded.</summary>
    public Person? Applicant { get; set; }

    /// <summary>New, renewal or extension.</summary>
    public VisaApplicationKind Kind { get; set; }

    /// <summary>Category asked, as the issuing state writes it (like <see cref="Visa.CategoryCode"/>).</summary>
    public required string CategoryCode { get; set; }

    /// <summary>ISO code of the state asked to issue the visa.</summary>
    public required string IssuingStateCode { get; set; }

    /// <summary>Day the application was filed.</summary>
    public DateOnly FiledOn { get; set; }

    /// <summary>Day it was decided (granted, refused) or withdrawn; null while pending.</summary>
    public DateOnly? DecidedOn { get; set; }

    /// <summary>Pending, granted, refused or withdrawn.</summary>
    public VisaApplicationOutcome Outcome { get; set; }

    /// <summary>The visa a granted application produced, once recorded.</summary>
    public Guid? ResultingVisaId { get; set; }

    /// <summary>For a renewal or extension: the visa it renews.</summary>
    public Guid? ReplacesVisaId { get; set; }

    /// <summary>Free-text notes.</summary>
    public string? Notes { get; set; }
}
