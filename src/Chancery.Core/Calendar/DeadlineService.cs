using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Departures;
using Chancery.Core.Missions;
using Chancery.Core.States;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Calendar;

/// <summary>A calendar of deadlines: its name and events.</summary>
public sealed record DeadlineCalendar(string Name, DateOnly AsOf, IReadOnlyList<Deadline> Deadlines);

/// <summary>
/// The deadlines of the people present, on the default as-of date, at the missions of the caller's scope (or one of
/// them), read with five set-based queries (missions, staff, family, their visas, policies) and one for departures.
/// </summary>
public sealed class DeadlineService(ChanceryDbContext db, ScopedData data, DefaultAsOf defaultAsOf)
{
    /// <summary>The deadlines of every mission in scope, or of <paramref name="missionId"/> (not found when out of scope).</summary>
    public async Task<DeadlineCalendar> GetAsync(Guid? missionId, CancellationToken ct)
    {
        var d = defaultAsOf.Resolve(null);
        var missionQuery = data.Missions.AsNoTracking();
        var staffQuery = data.Assignments.AsNoTracking().Where(a => a.StartOn <= d && (a.EndedOn == null || a.EndedOn >= d));
        var familyQuery = data.FamilyMembers.AsNoTracking().Where(f =>
            f.StartOn <= d && (f.EndedOn == null || f.EndedOn >= d)
            && f.PrincipalAssignment!.StartOn <= d && (f.PrincipalAssignment.EndedOn == null || f.PrincipalAssignment.EndedOn >= d));
        if (missionId is { } only)
        {
            missionQuery = missionQuery.Where(m => m.Id == only);
            staffQuery = staffQuery.Where(a => a.MissionId == only);
            familyQuery = familyQuery.Where(f => f.PrincipalAssignment!.MissionId == only);
        }
        var missions = (await missionQuery.Select(m => new { m.Id, m.SendingStateCode, m.ReceivingStateCode, m.Kind, m.City }).ToListAsync(ct).ConfigureAwait(false))
            .Select(m => new DeadlineMission(m.Id, $"{MissionLabels.Kind(m.Kind)} of {StateCodes.NameOf(m.SendingStateCode)} in {m.City}", m.SendingStateCode, m.ReceivingStateCode))
            .ToList();
        if (missionId is { } wanted && missions.Count == 0) throw new NotFoundException("Mission", wanted);

        var staff = await staffQuery
            .Select(a => new { a.PersonId, a.MissionId, a.StartOn, a.Person!.NationalityCode, a.Person.FamilyName, a.Person.GivenNames, a.Person.FamilyNameLatin, a.Person.GivenNamesLatin })
            .ToListAsync(ct).ConfigureAwait(false);
        var family = await familyQuery
            .Select(f => new { f.PersonId, f.PrincipalAssignment!.MissionId, f.Person!.NationalityCode, f.Person.FamilyName, f.Person.GivenNames, f.Person.FamilyNameLatin, f.Person.GivenNamesLatin })
            .ToListAsync(ct).ConfigureAwait(false);
        var present = staff.Select(s => new DeadlinePresence(s.PersonId, Names.Display(s.FamilyName, s.GivenNames, s.FamilyNameLatin, s.GivenNamesLatin), s.NationalityCode, s.MissionId, true, s.StartOn))
            .Concat(family.Select(f => new DeadlinePresence(f.PersonId, Names.Display(f.FamilyName, f.GivenNames, f.FamilyNameLatin, f.GivenNamesLatin), f.NationalityCode, f.MissionId, false, null)))
            .ToList();

        var staffVisas = await (
            from v in db.Visas.AsNoTracking()
            join a in staffQuery on v.HolderId equals a.PersonId
            where v.IssuingStateCode == a.Mission!.ReceivingStateCode
            select new AlertVisa(v.Id, v.HolderId, v.IssuingStateCode, v.ValidFrom, v.ValidUntil, v.CancelledOn))
            .ToListAsync(ct).ConfigureAwait(false);
        var familyVisas = await (
            from v in db.Visas.AsNoTracking()
            join f in familyQuery on v.HolderId equals f.PersonId
            where v.IssuingStateCode == f.PrincipalAssignment!.Mission!.ReceivingStateCode
            select new AlertVisa(v.Id, v.HolderId, v.IssuingStateCode, v.ValidFrom, v.ValidUntil, v.CancelledOn))
            .ToListAsync(ct).ConfigureAwait(false);
        var policies = await db.HostPolicies.AsNoTracking()
            .Where(p => p.InForceFrom <= d && (p.InForceUntil == null || p.InForceUntil >= d))
            .ToListAsync(ct).ConfigureAwait(false);
        var departures = (await (
                from o in db.DepartureOrderPersons.AsNoTracking()
                join m in missionQuery on o.Order!.MissionId equals m.Id
                where o.Status == DeparturePersonStatus.Pending
                select new { o.OrderId, o.PersonId, o.Order!.MissionId, o.Order.LeaveBy, o.Person!.FamilyName, o.Person.GivenNames, o.Person.FamilyNameLatin, o.Person.GivenNamesLatin })
            .ToListAsync(ct).ConfigureAwait(false))
            .Select(o => new PendingDeparture(o.OrderId, o.PersonId, Names.Display(o.FamilyName, o.GivenNames, o.FamilyNameLatin, o.GivenNamesLatin), o.MissionId, o.LeaveBy))
            .ToList();

        var deadlines = DeadlineRules.Evaluate(new DeadlineInputs(d, missions, present, [.. staffVisas.Concat(familyVisas).DistinctBy(v => v.Id)], policies, departures));
        var name = missionId is null ? "Chancery deadlines" : $"Chancery deadlines: {missions[0].Label}";
        return new(name, d, deadlines);
    }
}
