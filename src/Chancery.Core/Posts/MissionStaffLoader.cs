using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.Policies;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Posts;

/// <summary>Everything the post, vacancy and headcount rules need about one mission, read at once.</summary>
public sealed record MissionStaff(
    MissionDto Mission, IReadOnlyList<StaffFacts> Staff, IReadOnlyList<Post> Posts, IReadOnlyList<NominationFacts> Nominations,
    IReadOnlySet<Guid> AssignedPeople)
{
    /// <summary>Assignments linked to each post.</summary>
    public ILookup<Guid, StaffFacts> HoldersByPost { get; } = Staff.Where(s => s.PostId is not null).ToLookup(s => s.PostId!.Value);

    /// <summary>Nominations of each post.</summary>
    public ILookup<Guid, NominationFacts> NominationsByPost { get; } = Nominations.ToLookup(n => n.PostId);

    /// <summary>
    /// Nominees expected to arrive: visa granted (not withdrawn), counted from the expected arrival or the decision,
    /// whichever is later. A nominee already assigned to the mission is counted by the assignment instead.
    /// </summary>
    public IReadOnlyList<ArrivalFacts> Arrivals()
    {
        var category = Posts.ToDictionary(p => p.Id, p => p.Category);
        return [.. Nominations
            .Where(n => n.Recorded != NominationStatus.Withdrawn && !AssignedPeople.Contains(n.NomineeId) && n.ExpectedArrivalOn is not null
                && (n.Recorded == NominationStatus.Arrived || n.Application is { Outcome: Visas.VisaApplicationOutcome.Granted, DecidedOn: not null }))
            .Select(n => new ArrivalFacts(n.Id, category[n.PostId],
                n.Application?.DecidedOn is { } decided && decided > n.ExpectedArrivalOn!.Value && n.Recorded != NominationStatus.Arrived ? decided : n.ExpectedArrivalOn!.Value))];
    }
}

/// <summary>
/// Reads a mission's staff, households, visas, host policies, posts and nominations with a handful of set-based
/// queries, whatever the mission's size or the span of dates asked about.
/// </summary>
public sealed class MissionStaffLoader(ChanceryDbContext db, ScopedData data, MissionService missions)
{
    /// <summary>The facts of <paramref name="missionId"/>; not found (404) when the caller may not see it.</summary>
    public async Task<MissionStaff> LoadAsync(Guid missionId, CancellationToken ct)
    {
        var mission = await missions.GetAsync(missionId, ct).ConfigureAwait(false);
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.MissionId == missionId)
            .Select(a => new { a.Id, a.PersonId, a.Person!.FamilyName, a.Person.GivenNames, a.Person.FamilyNameLatin, a.Person.GivenNamesLatin, a.Category, a.PostId, a.StartOn, a.EndedOn, a.PlannedEndOn })
            .ToListAsync(ct).ConfigureAwait(false);
        var family = await db.FamilyMembers.AsNoTracking().Where(f => f.PrincipalAssignment!.MissionId == missionId)
            .Select(f => new { f.PersonId, f.PrincipalAssignmentId, f.StartOn, f.EndedOn })
            .ToListAsync(ct).ConfigureAwait(false);
        var linked = data.PeopleLinkedTo(missionId);
        var receiving = mission.ReceivingStateCode;
        var visas = (await db.Visas.AsNoTracking().Where(v => v.IssuingStateCode == receiving && linked.Contains(v.HolderId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(v => v.HolderId);
        var policies = await db.HostPolicies.AsNoTracking().Where(p => p.ReceivingStateCode == receiving).ToListAsync(ct).ConfigureAwait(false);
        var leaveBy = await LeaveByAsync(missionId, ct).ConfigureAwait(false);
        var posts = await db.Posts.AsNoTracking().Where(p => p.MissionId == missionId).ToListAsync(ct).ConfigureAwait(false);
        var nominations = await db.Nominations.AsNoTracking().Where(n => n.Post!.MissionId == missionId)
            .Select(n => new
            {
                n.Id,
                n.PostId,
                n.NomineeId,
                n.Nominee!.FamilyName,
                n.Nominee.GivenNames,
                n.Nominee.FamilyNameLatin,
                n.Nominee.GivenNamesLatin,
                n.NominatedOn,
                n.Status,
                n.ExpectedArrivalOn,
                n.VisaApplicationId,
                n.Notes,
                n.Version,
            })
            .ToListAsync(ct).ConfigureAwait(false);
        var applications = await db.VisaApplications.AsNoTracking()
            .Where(a => db.Nominations.Any(n => n.VisaApplicationId == a.Id && n.Post!.MissionId == missionId))
            .Select(a => new ApplicationFacts(a.Id, a.FiledOn, a.DecidedOn, a.Outcome))
            .ToDictionaryAsync(a => a.Id, ct).ConfigureAwait(false);

        int Grace(DateOnly day) => PolicyRules.InForce(policies, receiving, mission.SendingStateCode, day)?.GraceDays ?? 0;
        DateOnly? Lapse(Guid personId) => VisaCover.LapsesOn(visas[personId], Grace);
        var familyByPrincipal = family.ToLookup(f => f.PrincipalAssignmentId);
        var staff = assignments.Select(a => new StaffFacts(
            a.Id, a.PersonId, Names.Display(a.FamilyName, a.GivenNames, a.FamilyNameLatin, a.GivenNamesLatin), a.Category, a.PostId,
            a.StartOn, a.EndedOn, a.PlannedEndOn, leaveBy.TryGetValue(a.Id, out var order) ? order.LeaveBy : null, Lapse(a.PersonId),
            [.. familyByPrincipal[a.Id].Select(f => new FamilyFacts(f.PersonId, f.StartOn, f.EndedOn, Lapse(f.PersonId)))],
            FamilyLeaves: !leaveBy.TryGetValue(a.Id, out var o) || o.FamilyLeaves)).ToList();
        var facts = nominations.Select(n => new NominationFacts(
            n.Id, n.PostId, n.NomineeId, Names.Display(n.FamilyName, n.GivenNames, n.FamilyNameLatin, n.GivenNamesLatin), n.NominatedOn, n.Status,
            n.ExpectedArrivalOn, n.VisaApplicationId is { } app ? applications.GetValueOrDefault(app) : null, n.Notes, n.Version)).ToList();
        return new MissionStaff(mission, staff, posts, facts, assignments.Select(a => a.PersonId).ToHashSet());
    }

    /// <summary>
    /// The earliest leave-by of the pending departure orders naming each assignment of the mission, and whether the
    /// household leaves too. Departed persons are counted through their ended assignment; rescinded ones stay.
    /// </summary>
    private async Task<Dictionary<Guid, (DateOnly LeaveBy, bool FamilyLeaves)>> LeaveByAsync(Guid missionId, CancellationToken ct)
    {
        var named = await db.DepartureOrderPersons.AsNoTracking()
            .Where(p => p.Order!.MissionId == missionId && p.Status == Departures.DeparturePersonStatus.Pending)
            .Select(p => new { p.AssignmentId, p.Order!.LeaveBy, p.FamilyLeaves })
            .ToListAsync(ct).ConfigureAwait(false);
        return named.GroupBy(p => p.AssignmentId)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.LeaveBy).Select(p => (p.LeaveBy, p.FamilyLeaves)).First());
    }
}
