using Chancery.Core.Common;
using Chancery.Core.Missions;
using Chancery.Core.People;

namespace Chancery.Core.Posts;

/// <summary>
/// An authorised position at a mission ("First Secretary (Political)"). Its holders are the assignments linked to it
/// over time (<see cref="Assignment.PostId"/>); it is vacant from the day after its holder's assignment ends.
/// </summary>
public sealed class Post : Entity
{
    /// <summary>The mission.</summary>
    public Guid MissionId { get; set; }

    /// <summary>The mission, when loaded.</summary>
    public Mission? Mission { get; set; }

    /// <summary>Title of the position.</summary>
    public required string Title { get; set; }

    /// <summary>VCDR art. 1 category of the position.</summary>
    public StaffCategory Category { get; set; }

    /// <summary>First day the post exists.</summary>
    public DateOnly EstablishedOn { get; set; }

    /// <summary>Day the post was abolished (no longer exists from this day); null while it exists.</summary>
    public DateOnly? AbolishedOn { get; set; }

    /// <summary>Free-text notes.</summary>
    public string? Notes { get; set; }

    /// <summary>Whether the post exists on <paramref name="date"/>.</summary>
    public bool ExistsOn(DateOnly date) => EstablishedOn <= date && (AbolishedOn is not { } abolished || date < abolished);
}

/// <summary>Where a nomination stands.</summary>
public enum NominationStatus
{
    /// <summary>Proposed; no visa application linked (or none filed yet).</summary>
    Proposed,
    /// <summary>The linked visa application is pending.</summary>
    VisaPending,
    /// <summary>The linked visa application was refused.</summary>
    VisaRefused,
    /// <summary>The nominee has arrived.</summary>
    Arrived,
    /// <summary>The nomination was withdrawn.</summary>
    Withdrawn,
    /// <summary>The linked visa application was granted; the nominee has not arrived yet.</summary>
    // After the others: the names are stored and serialised, and their order must not shift.
    VisaGranted,
}

/// <summary>A replacement proposed for a post, with the visa application that decides whether the nominee can come.</summary>
public sealed class Nomination : Entity
{
    /// <summary>The post.</summary>
    public Guid PostId { get; set; }

    /// <summary>The post, when loaded.</summary>
    public Post? Post { get; set; }

    /// <summary>The person nominated.</summary>
    public Guid NomineeId { get; set; }

    /// <summary>The nominee, when loaded.</summary>
    public Person? Nominee { get; set; }

    /// <summary>Day of the nomination (notified to the receiving ministry, VCDR art. 10).</summary>
    public DateOnly NominatedOn { get; set; }

    /// <summary>The nominee's visa application, once filed.</summary>
    public Guid? VisaApplicationId { get; set; }

    /// <summary>Expected day of arrival.</summary>
    public DateOnly? ExpectedArrivalOn { get; set; }

    /// <summary>
    /// Status as recorded: Proposed, Arrived or Withdrawn. With a linked application, the visa statuses are derived
    /// from its outcome on the as-of date (<see cref="PostRules.StatusOn"/>).
    /// </summary>
    public NominationStatus Status { get; set; }

    /// <summary>Free-text notes.</summary>
    public string? Notes { get; set; }
}
