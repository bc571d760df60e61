using Chancery.Core.Common;
using Chancery.Core.People;
using Chancery.Web.Components.Shared;

namespace Chancery.Web.Features.People.Pages;

/// <summary>The household form; property names are the API's field names in PascalCase, so errors land next to their field.</summary>
public sealed class FamilyMemberFields
{
    /// <summary>The family member.</summary>
    public Guid? PersonId { get; set; }
    /// <summary>The principal's assignment.</summary>
    public Guid? PrincipalAssignmentId { get; set; }
    /// <summary>Relationship to the principal.</summary>
    public Relationship? Relationship { get; set; }
    /// <summary>First day in the household at post.</summary>
    public string? StartOn { get; set; }
    /// <summary>Last day at post.</summary>
    public string? EndedOn { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored link.</summary>
    public static FamilyMemberFields From(FamilyMemberDto f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new() { PersonId = f.PersonId, PrincipalAssignmentId = f.PrincipalAssignmentId, Relationship = f.Relationship, StartOn = IsoDate.Format(f.StartOn), EndedOn = IsoDate.Format(f.EndedOn), Version = f.Version };
    }

    /// <summary>What the service takes; a date not written as yyyy-MM-dd is a field error.</summary>
    public FamilyMemberInput ToInput()
    {
        var errors = new Validator();
        var input = new FamilyMemberInput(
            PersonId, PrincipalAssignmentId, Relationship, IsoDate.Read(errors, "startOn", StartOn), IsoDate.Read(errors, "endedOn", EndedOn), Version);
        errors.ThrowIfAny();
        return input;
    }
}
