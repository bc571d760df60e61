using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.Policies;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.People;

/// <summary>An assignment as the API shows it.</summary>
public sealed record AssignmentDto(
    Guid Id, Guid PersonId, string PersonName, Guid MissionId, MissionKind MissionKind, string MissionSendingStateCode, string MissionCity,
    StaffCategory Category, string Title, string? Rank,
    DateOnly StartOn, DateOnly? NotifiedArrivalOn, DateOnly? PlannedEndOn, DateOnly? EndedOn, EndReason? EndReason, int Version)
{
    /// <summary>"Embassy of Russia in Washington".</summary>
    public string MissionLabel => $"{MissionLabels.Kind(MissionKind)} of {States.StateCodes.NameOf(MissionSendingStateCode)} in {MissionCity}";

    /// <summary>The staffing cap this assignment exceeds, when caps only warn (<c>Caps:Enforcement = Warn</c>).</summary>
    public CapCountDto? CapWarning { get; init; }
}

/// <summary>What a client sends to create or update an assignment.</summary>
public sealed record AssignmentInput(
    Guid? PersonId, Guid? MissionId, StaffCategory? Category, string? Title, DateOnly? StartOn,
    string? Rank = null, DateOnly? NotifiedArrivalOn = null, DateOnly? PlannedEndOn = null, DateOnly? EndedOn = null, EndReason? EndReason = null,
    int? Version = null);

/// <summary>Filters for the assignment list.</summary>
public sealed record AssignmentQuery(Guid? MissionId = null, Guid? PersonId = null, StaffCategory? Category = null, DateOnly? ActiveOn = null);

/// <summary>Reads and writes assignments of people to missions.</summary>
public sealed class AssignmentService(ChanceryDbContext db, ScopedData data, StaffingCapService caps, CapSettings capSettings)
{
    /// <summary>Sort keys accepted by <see cref="ListAsync"/>.</summary>
    public static readonly string[] SortKeys = ["start", "category", "name", "plannedend"];

    /// <summary>Assignments matching the filters.</summary>
    public async Task<Page<AssignmentDto>> ListAsync(AssignmentQuery filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate(SortKeys);
        var query = data.Assignments.AsNoTracking();
        if (filter.MissionId is { } m) query = query.Where(a => a.MissionId == m);
        if (filter.PersonId is { } p) query = query.Where(a => a.PersonId == p);
        if (filter.Category is { } c) query = query.Where(a => a.Category == c);
        if (filter.ActiveOn is { } d) query = query.Where(a => a.StartOn <= d && (a.EndedOn == null || a.EndedOn >= d));
        query = (page.SortKey("start"), page.Descending) switch
        {
            ("category", var descending) => query.OrderByDeclaration(a => a.Category, descending).ThenBy(a => a.StartOn),
            ("name", false) => query.OrderBy(a => a.Person!.FamilyNameLatin ?? a.Person!.FamilyName),
            ("name", true) => query.OrderByDescending(a => a.Person!.FamilyNameLatin ?? a.Person!.FamilyName),
            ("plannedend", false) => query.OrderBy(a => a.PlannedEndOn),
            ("plannedend", true) => query.OrderByDescending(a => a.PlannedEndOn),
            (_, true) => query.OrderByDescending(a => a.StartOn).ThenBy(a => a.Id),
            _ => query.OrderBy(a => a.StartOn).ThenBy(a => a.Id),
        };
        return await query.ToPageAsync(page, Project, ct).ConfigureAwait(false);
    }

    /// <summary>One assignment.</summary>
    public async Task<AssignmentDto> GetAsync(Guid id, CancellationToken ct) =>
        await Project(data.Assignments.AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(ct).ConfigureAwait(false)
        ?? throw new NotFoundException("Assignment", id);

    /// <summary>
    /// Creates an assignment; a person has at most one open assignment per mission, and a staffing cap in force is not
    /// exceeded (refused, or returned as a warning, per <c>Caps:Enforcement</c>).
    /// </summary>
    public Task<AssignmentDto> CreateAsync(AssignmentInput input, CancellationToken ct) =>
        // The cap count and the insert run in one transaction, so two concurrent requests cannot both pass the check.
        db.InTransactionAsync(async c =>
        {
            var assignment = new Assignment { Title = "" };
            await ApplyAsync(assignment, input, c).ConfigureAwait(false);
            var warning = await CheckCapsAsync(assignment, null, c).ConfigureAwait(false);
            db.Assignments.Add(assignment);
            await SaveAsync(c).ConfigureAwait(false);
            return await GetAsync(assignment.Id, c).ConfigureAwait(false) with { CapWarning = warning };
        }, ct);

    /// <summary>
    /// Updates an assignment (including ending it); <see cref="AssignmentInput.Version"/> must be the version read. Extending it
    /// (days added to its span, or a new mission or category) is checked against the staffing caps like a new one.
    /// </summary>
    public Task<AssignmentDto> UpdateAsync(Guid id, AssignmentInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return db.InTransactionAsync(async c =>
        {
            var assignment = await data.Assignments.FirstOrDefaultAsync(a => a.Id == id, c).ConfigureAwait(false) ?? throw new NotFoundException("Assignment", id);
            data.EnsureCanEditRegistryOf(assignment.MissionId);
            var before = new Assignment
            {
                Id = assignment.Id,
                MissionId = assignment.MissionId,
                Category = assignment.Category,
                Title = "",
                StartOn = assignment.StartOn,
                PlannedEndOn = assignment.PlannedEndOn,
                EndedOn = assignment.EndedOn,
            };
            await ApplyAsync(assignment, input, c).ConfigureAwait(false);
            var warning = await CheckCapsAsync(assignment, before, c).ConfigureAwait(false);
            db.ExpectVersion(assignment, Versions.Require(input.Version));
            await SaveAsync(c).ConfigureAwait(false);
            return await GetAsync(id, c).ConfigureAwait(false) with { CapWarning = warning };
        }, ct);
    }

    private async Task<CapCountDto?> CheckCapsAsync(Assignment assignment, Assignment? before, CancellationToken ct)
    {
        var breach = await caps.CheckAsync(assignment, before, ct).ConfigureAwait(false);
        if (breach is not null && capSettings.Enforcement == CapEnforcement.Refuse)
            throw new CapBreachException(breach);
        return breach;
    }

    /// <summary>Deletes an assignment entered by mistake; one with household members must be cleared first.</summary>
    public async Task DeleteAsync(Guid id, int? version, CancellationToken ct)
    {
        var assignment = await data.Assignments.FirstOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Assignment", id);
        data.EnsureCanEditRegistryOf(assignment.MissionId);
        var family = await db.FamilyMembers.CountAsync(f => f.PrincipalAssignmentId == id, ct).ConfigureAwait(false);
        if (family > 0)
            throw new ConflictException($"The assignment has {family} household member(s) linked to it; remove them first, or end the assignment instead of deleting it.");
        if (version is { } v) db.ExpectVersion(assignment, v);
        db.Assignments.Remove(assignment);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException ex) when (DatabaseInitializer.IsUniqueViolation(ex))
        {
            throw new ConflictException("The person already has an open assignment at this mission; end it before opening another.");
        }
    }

    private async Task ApplyAsync(Assignment assignment, AssignmentInput? input, CancellationToken ct)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "An assignment is required in the request body.").ThrowIfAny();
            return;
        }
        if (input.PersonId is null) v.Add("personId", "personId is required.");
        else if (!await data.People.AnyAsync(p => p.Id == input.PersonId, ct).ConfigureAwait(false))
            v.Add("personId", $"personId {input.PersonId} does not match any person; create the person first.");
        if (input.MissionId is null) v.Add("missionId", "missionId is required.");
        else if (!await data.Missions.AnyAsync(m => m.Id == input.MissionId, ct).ConfigureAwait(false))
            v.Add("missionId", $"missionId {input.MissionId} does not match any mission.");
        if (input.Category is null) v.Add("category", "category is required: HeadOfMission, Diplomatic, AdministrativeTechnical, Service, LocallyEngaged or PrivateServant.");
        var title = v.RequiredName("title", input.Title);
        var rank = v.OptionalName("rank", input.Rank);
        if (input.StartOn is null) v.Add("startOn", "startOn is required.");
        v.NotBefore("plannedEndOn", input.PlannedEndOn, "startOn", input.StartOn);
        v.NotBefore("endedOn", input.EndedOn, "startOn", input.StartOn);
        if (input.EndReason is not null && input.EndedOn is null) v.Add("endedOn", "endedOn is required when endReason is given.");
        if (input.EndedOn is not null && input.EndReason is null) v.Add("endReason", "endReason is required when endedOn is given.");
        v.ThrowIfAny();
        data.EnsureCanEditRegistryOf(input.MissionId!.Value);
        if (input.EndedOn is null)
        {
            var open = await db.Assignments.AnyAsync(a => a.Id != assignment.Id && a.PersonId == input.PersonId && a.MissionId == input.MissionId && a.EndedOn == null, ct).ConfigureAwait(false);
            if (open)
                throw new ConflictException("The person already has an open assignment at this mission; end it before opening another.");
        }
        assignment.PersonId = input.PersonId!.Value;
        assignment.MissionId = input.MissionId!.Value;
        assignment.Category = input.Category!.Value;
        assignment.Title = title;
        assignment.Rank = rank;
        assignment.StartOn = input.StartOn!.Value;
        assignment.NotifiedArrivalOn = input.NotifiedArrivalOn;
        assignment.PlannedEndOn = input.PlannedEndOn;
        assignment.EndedOn = input.EndedOn;
        assignment.EndReason = input.EndReason;
    }

    private static IQueryable<AssignmentDto> Project(IQueryable<Assignment> query) => query.Select(a => new AssignmentDto(
        a.Id, a.PersonId, (a.Person!.FamilyNameLatin ?? a.Person.FamilyName) + ", " + (a.Person.GivenNamesLatin ?? a.Person.GivenNames),
        a.MissionId, a.Mission!.Kind, a.Mission.SendingStateCode, a.Mission.City,
        a.Category, a.Title, a.Rank, a.StartOn, a.NotifiedArrivalOn, a.PlannedEndOn, a.EndedOn, a.EndReason, a.Version));
}
