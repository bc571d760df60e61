using Chancery.Core.Common;
using Chancery.Core.People;
using Chancery.Web.Components.Shared;

namespace Chancery.Web.Features.People.Pages;

/// <summary>The assignment form; property names are the API's field names in PascalCase, so errors land next to their field.</summary>
public sealed class AssignmentFields
{
    /// <summary>The person.</summary>
    public Guid? PersonId { get; set; }
    /// <summary>The mission.</summary>
    public Guid? MissionId { get; set; }
    /// <summary>Staff category.</summary>
    public StaffCategory? Category { get; set; }
    /// <summary>Title.</summary>
    public string? Title { get; set; }
    /// <summary>Rank.</summary>
    public string? Rank { get; set; }
    /// <summary>Start.</summary>
    public string? StartOn { get; set; }
    /// <summary>Notified arrival.</summary>
    public string? NotifiedArrivalOn { get; set; }
    /// <summary>Planned end.</summary>
    public string? PlannedEndOn { get; set; }
    /// <summary>Actual end.</summary>
    public string? EndedOn { get; set; }
    /// <summary>Why it ended.</summary>
    public EndReason? EndReason { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored assignment.</summary>
    public static AssignmentFields From(AssignmentDto a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new()
        {
            PersonId = a.PersonId,
            MissionId = a.MissionId,
            Category = a.Category,
            Title = a.Title,
            Rank = a.Rank,
            StartOn = IsoDate.Format(a.StartOn),
            NotifiedArrivalOn = IsoDate.Format(a.NotifiedArrivalOn),
            PlannedEndOn = IsoDate.Format(a.PlannedEndOn),
            EndedOn = IsoDate.Format(a.EndedOn),
            EndReason = a.EndReason,
            Version = a.Version,
        };
    }

    /// <summary>What the service takes; a date not written as yyyy-MM-dd is a field error.</summary>
    public AssignmentInput ToInput()
    {
        var errors = new Validator();
        var input = new AssignmentInput(
            PersonId, MissionId, Category, Title, IsoDate.Read(errors, "startOn", StartOn), Rank,
            IsoDate.Read(errors, "notifiedArrivalOn", NotifiedArrivalOn), IsoDate.Read(errors, "plannedEndOn", PlannedEndOn),
            IsoDate.Read(errors, "endedOn", EndedOn), EndReason, Version);
        errors.ThrowIfAny();
        return input;
    }
}
