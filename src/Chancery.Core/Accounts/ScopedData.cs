using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Accounts;

/// <summary>
/// The registry as the caller may see it: every read in the services starts here, so a record outside
/// the caller's scope is not found (404) and never listed. Writes check the narrower edit rights.
/// </summary>
public sealed class ScopedData(ChanceryDbContext db, AccessScope scope)
{
    /// <summary>The caller's scope.</summary>
    public AccessScope Scope => scope;

    /// <summary>Missions the caller may see.</summary>
    public IQueryable<Mission> Missions => scope.SeesAllMissions ? db.Missions : db.Missions.Where(scope.MissionFilter());

    private IQueryable<Guid> MissionIds => Missions.Select(m => m.Id);

    /// <summary>People linked to a visible mission (assignment, household, or registered by it).</summary>
    public IQueryable<Person> People
    {
        get
        {
            if (scope.SeesAllMissions) return db.People;
            var ids = MissionIds;
            var me = scope.UserId;
            return db.People.Where(p =>
                db.Assignments.Any(a => a.PersonId == p.Id && ids.Contains(a.MissionId)) ||
                db.FamilyMembers.Any(f => f.PersonId == p.Id && ids.Contains(f.PrincipalAssignment!.MissionId)) ||
                (me != null && p.RegisteredByUserId == me));
        }
    }

    /// <summary>Assignments at visible missions.</summary>
    public IQueryable<Assignment> Assignments
    {
        get
        {
            if (scope.SeesAllMissions) return db.Assignments;
            var ids = MissionIds;
            return db.Assignments.Where(a => ids.Contains(a.MissionId));
        }
    }

    /// <summary>Household links to assignments at visible missions.</summary>
    public IQueryable<FamilyMember> FamilyMembers
    {
        get
        {
            if (scope.SeesAllMissions) return db.FamilyMembers;
            var ids = MissionIds;
            return db.FamilyMembers.Where(f => ids.Contains(f.PrincipalAssignment!.MissionId));
        }
    }

    /// <summary>Visas of visible people.</summary>
    public IQueryable<Visa> Visas
    {
        get
        {
            if (scope.SeesAllMissions) return db.Visas;
            var people = People.Select(p => p.Id);
            return db.Visas.Where(v => people.Contains(v.HolderId));
        }
    }

    /// <summary>Visa applications of visible people.</summary>
    public IQueryable<VisaApplication> VisaApplications
    {
        get
        {
            if (scope.SeesAllMissions) return db.VisaApplications;
            var people = People.Select(p => p.Id);
            return db.VisaApplications.Where(a => people.Contains(a.ApplicantId));
        }
    }

    /// <summary>Refuses a host-policy change outside a protocol officer's own receiving state.</summary>
    public void EnsureCanEditPolicyOf(string receivingStateCode)
    {
        if (!scope.CanEditMissionIn(receivingStateCode))
            throw new ForbiddenException(scope.ProtocolStateCode is { } s
                ? $"You record the policies of {s} only; this one is of {receivingStateCode}."
                : "Your role does not allow recording or changing host policies.");
    }

    /// <summary>Ids of everyone linked to <paramref name="missionId"/> at any time: staff (assignments) and their households.</summary>
    public IQueryable<Guid> PeopleLinkedTo(Guid missionId) =>
        db.Assignments.Where(a => a.MissionId == missionId).Select(a => a.PersonId)
            .Union(db.FamilyMembers.Where(f => f.PrincipalAssignment!.MissionId == missionId).Select(f => f.PersonId));

    /// <summary>Refuses a mission change outside a protocol officer's receiving state.</summary>
    public void EnsureCanEditMissionIn(string receivingStateCode)
    {
        if (!scope.CanEditMissionIn(receivingStateCode))
            throw new ForbiddenException(scope.ProtocolStateCode is { } s
                ? $"You record missions received by {s} only; this one is received by {receivingStateCode}."
                : "Your role does not allow recording or changing missions.");
    }

    /// <summary>Refuses a registry change (people, assignments, families, visas) at a mission the caller does not administer.</summary>
    public void EnsureCanEditRegistryOf(Guid missionId)
    {
        if (!scope.CanEditRegistryOf(missionId))
            throw new ForbiddenException("You may change people, families and visas only at the missions assigned to your account.");
    }

    /// <summary>Refuses a change to a person who is not linked to a mission the caller administers.</summary>
    public async Task EnsureCanEditPersonAsync(Guid personId, CancellationToken ct)
    {
        if (scope.IsSystem) return;
        var ids = scope.EditableMissionIds.ToList();
        var me = scope.UserId;
        var linked = scope.EditsRegistry && await db.People.AnyAsync(p => p.Id == personId && (
            db.Assignments.Any(a => a.PersonId == p.Id && ids.Contains(a.MissionId)) ||
            db.FamilyMembers.Any(f => f.PersonId == p.Id && ids.Contains(f.PrincipalAssignment!.MissionId)) ||
            (me != null && p.RegisteredByUserId == me)), ct).ConfigureAwait(false);
        if (!linked)
            throw new ForbiddenException("You may change only people linked to the missions assigned to your account.");
    }
}
