using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.People;

/// <summary>A household link as the API shows it.</summary>
public sealed record FamilyMemberDto(
    Guid Id, Guid PersonId, string PersonName, Guid PrincipalAssignmentId, Guid PrincipalPersonId, string PrincipalName, Guid MissionId,
    Relationship Relationship, DateOnly StartOn, DateOnly? EndedOn, int Version);

/// <summary>What a client sends to create or update a household link.</summary>
public sealed record FamilyMemberInput(Guid? PersonId, Guid? PrincipalAssignmentId, Relationship? Relationship, DateOnly? StartOn, DateOnly? EndedOn = null, int? Version = null);

/// <summary>Filters for the family list.</summary>
public sealed record FamilyQuery(Guid? MissionId = null, Guid? PrincipalAssignmentId = null, Guid? PersonId = null);

/// <summary>Reads and writes household members (VCDR art. 37: members of the family forming part of the household).</summary>
public sealed class FamilyService(ChanceryDbContext db, ScopedData data)
{
    /// <summary>Sort keys accepted by <see cref="ListAsync"/>.</summary>
    public static readonly string[] SortKeys = ["start", "name", "relationship"];

    /// <summary>Household links matching the filters.</summary>
    public async Task<Page<FamilyMemberDto>> ListAsync(FamilyQuery filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate(SortKeys);
        var query = data.FamilyMembers.AsNoTracking();
        if (filter.MissionId is { } m) query = query.Where(f => f.PrincipalAssignment!.MissionId == m);
        if (filter.PrincipalAssignmentId is { } a) query = query.Where(f => f.PrincipalAssignmentId == a);
        if (filter.PersonId is { } p) query = query.Where(f => f.PersonId == p || f.PrincipalAssignment!.PersonId == p);
        query = (page.SortKey("start"), page.Descending) switch
        {
            ("name", false) => query.OrderBy(f => f.Person!.FamilyNameLatin ?? f.Person!.FamilyName),
            ("name", true) => query.OrderByDescending(f => f.Person!.FamilyNameLatin ?? f.Person!.FamilyName),
            ("relationship", var descending) => query.OrderByDeclaration(f => f.Relationship, descending).ThenBy(f => f.StartOn),
            (_, true) => query.OrderByDescending(f => f.StartOn).ThenBy(f => f.Id),
            _ => query.OrderBy(f => f.StartOn).ThenBy(f => f.Id),
        };
        return await query.ToPageAsync(page, Project, ct).ConfigureAwait(false);
    }

    /// <summary>One household link.</summary>
    public async Task<FamilyMemberDto> GetAsync(Guid id, CancellationToken ct) =>
        await Project(data.FamilyMembers.AsNoTracking().Where(f => f.Id == id)).FirstOrDefaultAsync(ct).ConfigureAwait(false)
        ?? throw new NotFoundException("Family member", id);

    /// <summary>Adds a person to a principal's household; the principal must have an assignment.</summary>
    public async Task<FamilyMemberDto> CreateAsync(FamilyMemberInput input, CancellationToken ct)
    {
        var member = new FamilyMember();
        await ApplyAsync(member, input, ct).ConfigureAwait(false);
        db.FamilyMembers.Add(member);
        await SaveAsync(ct).ConfigureAwait(false);
        return await GetAsync(member.Id, ct).ConfigureAwait(false);
    }

    /// <summary>Updates a household link; <see cref="FamilyMemberInput.Version"/> must be the version read.</summary>
    public async Task<FamilyMemberDto> UpdateAsync(Guid id, FamilyMemberInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var member = await data.FamilyMembers.Include(f => f.PrincipalAssignment).FirstOrDefaultAsync(f => f.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Family member", id);
        data.EnsureCanEditRegistryOf(member.PrincipalAssignment!.MissionId);
        await ApplyAsync(member, input, ct).ConfigureAwait(false);
        db.ExpectVersion(member, Versions.Require(input.Version));
        await SaveAsync(ct).ConfigureAwait(false);
        return await GetAsync(id, ct).ConfigureAwait(false);
    }

    /// <summary>Removes a household link (the person record stays).</summary>
    public async Task DeleteAsync(Guid id, int? version, CancellationToken ct)
    {
        var member = await data.FamilyMembers.Include(f => f.PrincipalAssignment).FirstOrDefaultAsync(f => f.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Family member", id);
        data.EnsureCanEditRegistryOf(member.PrincipalAssignment!.MissionId);
        if (version is { } v) db.ExpectVersion(member, v);
        db.FamilyMembers.Remove(member);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    // The duplicate check in ApplyAsync can pass for two requests at once; the unique index decides, and the loser gets the same 409.
    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException ex) when (DatabaseInitializer.IsUniqueViolation(ex))
        {
            throw new ConflictException(DuplicateMessage);
        }
    }

    private const string DuplicateMessage = "The person is already recorded in this principal's household.";

    private async Task ApplyAsync(FamilyMember member, FamilyMemberInput? input, CancellationToken ct)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A family member is required in the request body.").ThrowIfAny();
            return;
        }
        Guid? principalPersonId = null;
        if (input.PrincipalAssignmentId is null)
            v.Add("principalAssignmentId", "principalAssignmentId is required: a family member belongs to the household of a principal who has an assignment.");
        else
        {
            var principal = await data.Assignments.Where(a => a.Id == input.PrincipalAssignmentId).Select(a => new { a.PersonId, a.MissionId }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (principal is not null) data.EnsureCanEditRegistryOf(principal.MissionId);
            principalPersonId = principal?.PersonId;
            if (principalPersonId is null)
                v.Add("principalAssignmentId", $"principalAssignmentId {input.PrincipalAssignmentId} does not match any assignment; the principal must be assigned to a mission first.");
        }
        if (input.PersonId is null) v.Add("personId", "personId is required.");
        else if (!await data.People.AnyAsync(p => p.Id == input.PersonId, ct).ConfigureAwait(false))
            v.Add("personId", $"personId {input.PersonId} does not match any person; create the person first.");
        else if (input.PersonId == principalPersonId)
            v.Add("personId", "personId is the principal; a person cannot be a member of their own household.");
        if (input.Relationship is null) v.Add("relationship", "relationship is required: Spouse, Child or Other.");
        if (input.StartOn is null) v.Add("startOn", "startOn is required.");
        v.NotBefore("endedOn", input.EndedOn, "startOn", input.StartOn);
        v.ThrowIfAny();
        var duplicate = await db.FamilyMembers.AnyAsync(f => f.Id != member.Id && f.PersonId == input.PersonId && f.PrincipalAssignmentId == input.PrincipalAssignmentId, ct).ConfigureAwait(false);
        if (duplicate) throw new ConflictException(DuplicateMessage);
        member.PersonId = input.PersonId!.Value;
        member.PrincipalAssignmentId = input.PrincipalAssignmentId!.Value;
        member.Relationship = input.Relationship!.Value;
        member.StartOn = input.StartOn!.Value;
        member.EndedOn = input.EndedOn;
    }

    private static IQueryable<FamilyMemberDto> Project(IQueryable<FamilyMember> query) => query.Select(f => new FamilyMemberDto(
        f.Id, f.PersonId, (f.Person!.FamilyNameLatin ?? f.Person.FamilyName) + ", " + (f.Person.GivenNamesLatin ?? f.Person.GivenNames),
        f.PrincipalAssignmentId, f.PrincipalAssignment!.PersonId,
        (f.PrincipalAssignment.Person!.FamilyNameLatin ?? f.PrincipalAssignment.Person.FamilyName) + ", " + (f.PrincipalAssignment.Person.GivenNamesLatin ?? f.PrincipalAssignment.Person.GivenNames),
        f.PrincipalAssignment.MissionId, f.Relationship, f.StartOn, f.EndedOn, f.Version));
}
