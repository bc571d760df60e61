using Chancery.Core.Common;
using Chancery.Core.People;
using Chancery.Core.Posts;
using Chancery.Web.Components.Shared;

namespace Chancery.Web.Features.Posts.Pages;

/// <summary>The post form; property names are the API's field names in PascalCase, so errors land next to their field.</summary>
public sealed class PostFields
{
    /// <summary>The mission.</summary>
    public Guid? MissionId { get; set; }
    /// <summary>Title.</summary>
    public string? Title { get; set; }
    /// <summary>Staff category.</summary>
    public StaffCategory? Category { get; set; }
    /// <summary>Established on.</summary>
    public string? EstablishedOn { get; set; }
    /// <summary>Abolished on.</summary>
    public string? AbolishedOn { get; set; }
    /// <summary>Notes.</summary>
    public string? Notes { get; set; }
    /// <summary>An assignment of the mission to link as holder.</summary>
    public Guid? HolderAssignmentId { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored post.</summary>
    public static PostFields From(PostDto p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            MissionId = p.MissionId,
            Title = p.Title,
            Category = p.Category,
            EstablishedOn = IsoDate.Format(p.EstablishedOn),
            AbolishedOn = IsoDate.Format(p.AbolishedOn),
            Notes = p.Notes,
            Version = p.Version,
        };
    }

    /// <summary>What the service takes; a date not written as yyyy-MM-dd is a field error.</summary>
    public PostInput ToInput()
    {
        var errors = new Validator();
        var input = new PostInput(MissionId, Title, Category, IsoDate.Read(errors, "establishedOn", EstablishedOn),
            IsoDate.Read(errors, "abolishedOn", AbolishedOn), Notes, HolderAssignmentId, Version);
        errors.ThrowIfAny();
        return input;
    }
}

/// <summary>The nomination form.</summary>
public sealed class NominationFields
{
    /// <summary>The post.</summary>
    public Guid? PostId { get; set; }
    /// <summary>The nominee.</summary>
    public Guid? NomineeId { get; set; }
    /// <summary>Nominated on.</summary>
    public string? NominatedOn { get; set; }
    /// <summary>The nominee's visa application.</summary>
    public Guid? VisaApplicationId { get; set; }
    /// <summary>Expected arrival.</summary>
    public string? ExpectedArrivalOn { get; set; }
    /// <summary>Recorded status.</summary>
    public NominationStatus? Status { get; set; }
    /// <summary>Notes.</summary>
    public string? Notes { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored nomination.</summary>
    public static NominationFields From(NominationDto n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new()
        {
            PostId = n.PostId,
            NomineeId = n.NomineeId,
            NominatedOn = IsoDate.Format(n.NominatedOn),
            VisaApplicationId = n.VisaApplicationId,
            ExpectedArrivalOn = IsoDate.Format(n.ExpectedArrivalOn),
            Status = n.RecordedStatus,
            Notes = n.Notes,
            Version = n.Version,
        };
    }

    /// <summary>What the service takes.</summary>
    public NominationInput ToInput()
    {
        var errors = new Validator();
        var input = new NominationInput(PostId, NomineeId, IsoDate.Read(errors, "nominatedOn", NominatedOn), VisaApplicationId,
            IsoDate.Read(errors, "expectedArrivalOn", ExpectedArrivalOn), Status, Notes, Version);
        errors.ThrowIfAny();
        return input;
    }
}
