using Chancery.Core.People;

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
    public DateOnly? StartOn { get; set; }
    /// <summary>Last day at post.</summary>
    public DateOnly? EndedOn { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored link.</summary>
    public static FamilyMemberFields From(FamilyMemberDto f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new() { PersonId = f.PersonId, PrincipalAssignmentId = f.PrincipalAssignmentId, Relationship = f.Relationship, StartOn = f.StartOn, EndedOn = f.EndedOn, Version = f.Version };
    }

    /// <summary>What the service takes.</summary>
    public FamilyMemberInput ToInput() => new(PersonId, PrincipalAssignmentId, Relationship, StartOn, EndedOn, Version);
}
