using Chancery.Core.Data;
using Chancery.Core.Departures;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Demo;

/// <summary>
/// The departures part of the reference scenario: the United States asks the 24 Russian diplomats in Washington whose visas
/// end on 2021-09-03 to leave by that day, and Russia bans US missions from employing local staff from 2021-08-01 and keeps
/// the 2017 limit of 455 on US staff in Russia. Runs inside the demo seeder's transaction, after its world is saved.
/// </summary>
public static class DemoDepartures
{
    /// <summary>Day the order was notified.</summary>
    public static readonly DateOnly IssuedOn = new(2021, 7, 15);

    /// <summary>Day the local-hiring ban comes into force (and its deadline for missions still employing local staff).</summary>
    public static readonly DateOnly HiringBanFrom = new(2021, 8, 1);

    /// <summary>Adds the order and the caps unless an order of this kind is already on record for the embassy.</summary>
    public static async Task<bool> SeedAsync(ChanceryDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var embassy = await db.Missions.FirstOrDefaultAsync(m => m.SendingStateCode == DemoSeeder.SendingState && m.ReceivingStateCode == DemoSeeder.HostState
            && m.Kind == MissionKind.Embassy && m.City == "Washington", ct).ConfigureAwait(false);
        if (embassy is null) return false;
        if (await db.DepartureOrders.AnyAsync(o => o.MissionId == embassy.Id && o.Kind == DepartureOrderKind.AskedToLeave && o.LeaveBy == DemoSeeder.Deadline, ct).ConfigureAwait(false))
            return false;

        // The diplomats whose visas end on the deadline (their households' visas are not counted: they leave with them).
        var staff = await db.Assignments
            .Where(a => a.MissionId == embassy.Id && a.StartOn <= IssuedOn && (a.EndedOn == null || a.EndedOn >= IssuedOn)
                && (a.Category == StaffCategory.Diplomatic || a.Category == StaffCategory.HeadOfMission)
                && db.Visas.Any(v => v.HolderId == a.PersonId && v.ValidUntil == DemoSeeder.Deadline))
            .OrderBy(a => a.StartOn).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.PersonId }).ToListAsync(ct).ConfigureAwait(false);
        var order = new DepartureOrder
        {
            MissionId = embassy.Id,
            Kind = DepartureOrderKind.AskedToLeave,
            IssuedOn = IssuedOn,
            LeaveBy = DemoSeeder.Deadline,
            Basis = "visas not renewed",
        };
        order.Persons.AddRange(staff.Select(s => new DepartureOrderPerson { PersonId = s.PersonId, AssignmentId = s.Id, Status = DeparturePersonStatus.Pending }));
        db.DepartureOrders.Add(order);

        db.StaffingCaps.Add(new StaffingCap
        {
            ReceivingStateCode = DemoSeeder.SendingState,
            SendingStateCode = DemoSeeder.HostState,
            Category = StaffCategory.LocallyEngaged,
            Limit = 0,
            InForceFrom = HiringBanFrom,
            Note = "Ban on US missions employing local staff, announced April 2021.",
        });
        db.StaffingCaps.Add(new StaffingCap
        {
            ReceivingStateCode = DemoSeeder.SendingState,
            SendingStateCode = DemoSeeder.HostState,
            Combined = true,
            Limit = 455,
            InForceFrom = new DateOnly(2017, 9, 1),
            Note = "US diplomatic and technical staff in Russia, all missions together (demanded July 2017).",
        });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return true;
    }
}
