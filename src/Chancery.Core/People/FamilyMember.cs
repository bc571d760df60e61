using Chancery.Core.Common;

namespace Chancery.Core.People;

/// <summary>Relationship to the principal.</summary>
public enum Relationship
{
    /// <summary>Spouse or partner.</summary>
    Spouse,
    /// <summary>Child.</summary>
    Child,
    /// <summary>Other member of the household (VCDR art. 37: "forming part of his household").</summary>
    Other,
}

/// <summary>A person in a principal's household, linked to the principal's assignment.</summary>
public sealed class FamilyMember : Entity
{
    /// <summary>The family member as a person (own names, passport, visas).</summary>
    public Guid PersonId { get; set; }

    /// <summary>The person, when loaded.</summary>
    public People.Person? Person { get; set; }

    /// <summary>The principal's assignment.</summary>
    public Guid PrincipalAssignmentId { get; set; }

    /// <summary>The assignment, when loaded.</summary>
    public Assignment? PrincipalAssignment { get; set; }

    /// <summary>Spouse, child, other.</summary>
    public Relationship Relationship { get; set; }

    /// <summary>First day in the household at post.</summary>
    public DateOnly StartOn { get; set; }

    /// <summary>Last day at post, once left.</summary>
    public DateOnly? EndedOn { get; set; }
}
