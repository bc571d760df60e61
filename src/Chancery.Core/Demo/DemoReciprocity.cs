using Chancery.Core.Data;
using Chancery.Core.Departures;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.Reciprocity;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Demo;

/// <summary>
/// The reciprocity part of the reference scenario, between A (the United States) and B (Russia): A's sanctions; B's expulsion
/// of 10 of A's diplomats in response (a departure order of Russia to the US embassy in Moscow, carried out); B's ban on A's
/// missions hiring local staff (the existing cap) and its 2017 cap on A's staff; A's ambassador recalled for consultations
/// and returned; A's three-year reapplication rule (the existing host policy); A's slower visa issuance; and A's "asked to
/// leave" of 24 at visa expiry (the existing order). Runs inside the demo seeder's transaction after the departures part,
/// and only once (it checks for A's sanctions).
/// </summary>
public static class DemoReciprocity
{
    /// <summary>Day A announced its sanctions.</summary>
    public static readonly DateOnly SanctionsOn = new(2021, 4, 15);

    /// <summary>Day B's expelled diplomats had to leave (and left).</summary>
    public static readonly DateOnly ExpelledBy = new(2021, 5, 21);

    /// <summary>The date the parity page tells the story on: the day after the 24's deadline.</summary>
    public static readonly DateOnly ParityDate = new(2021, 9, 4);

    private const string A = DemoSeeder.HostState;
    private const string B = DemoSeeder.SendingState;

    /// <summary>Adds the measures and links them to the records that implement them; false when they are already there.</summary>
    public static async Task<bool> SeedAsync(ChanceryDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.ReciprocalMeasures.AnyAsync(m => m.ActingStateCode == A && m.TargetStateCode == B && m.Kind == ReciprocalMeasureKind.Sanctions && m.AnnouncedOn == SanctionsOn, ct).ConfigureAwait(false))
            return false;
        var moscow = await db.Missions.FirstOrDefaultAsync(m => m.SendingStateCode == A && m.ReceivingStateCode == B && m.Kind == MissionKind.Embassy && m.City == "Moscow", ct).ConfigureAwait(false);
        if (moscow is null) return false;

        var cap2017 = Measure(B, A, ReciprocalMeasureKind.MissionSizeCap, new(2017, 7, 28), new(2017, 9, 1), magnitude: 455,
            source: "Russia limits US diplomatic and technical staff in Russia to 455, the number of Russia's in the United States (July 2017).");
        var policyRule = Measure(A, B, ReciprocalMeasureKind.VisaReapplicationRule, new(2019, 12, 2), DemoVisaStory.PolicyFrom, magnitude: 3,
            source: "Note verbale of 2019-12: Russia's staff must reapply for a new visa after three years in post. The United States calls it nothing new; Russia calls it retaliation.");
        var slowdown = Measure(A, B, ReciprocalMeasureKind.VisaSlowdown, new(2020, 9, 1), new(2020, 9, 1),
            source: "Visas for Russia's nominees and renewals take months; see the processing-time statistics.");
        var sanctions = Measure(A, B, ReciprocalMeasureKind.Sanctions, SanctionsOn, SanctionsOn,
            source: "Sanctions announced 2021-04-15, with the expulsion of Russian diplomats from Washington.");
        var expulsion = Measure(B, A, ReciprocalMeasureKind.Expulsion, new(2021, 4, 16), ExpelledBy, magnitude: 10, respondsTo: sanctions,
            source: "Ministry of Foreign Affairs statement of 2021-04-16: ten US diplomats to leave by 2021-05-21, in response to the sanctions.");
        var recall = Measure(A, B, ReciprocalMeasureKind.AmbassadorRecalled, new(2021, 4, 22), new(2021, 4, 22), endedOn: new(2021, 6, 24), respondsTo: expulsion,
            source: "The US ambassador goes home for consultations; he returned to Moscow on 2021-06-24.");
        var hiringBan = Measure(B, A, ReciprocalMeasureKind.LocalHiringBan, new(2021, 4, 23), DemoDepartures.HiringBanFrom, respondsTo: sanctions,
            source: "Decree of 2021-04-23: US missions may not employ local staff from 2021-08-01.");
        var askedToLeave = Measure(A, B, ReciprocalMeasureKind.Expulsion, DemoDepartures.IssuedOn, DemoSeeder.Deadline, magnitude: 24, respondsTo: hiringBan,
            source: "24 of Russia's diplomats asked to leave when their visas expire on 2021-09-03; the United States says the visas were simply not renewed.");
        db.ReciprocalMeasures.AddRange(cap2017, policyRule, slowdown, sanctions, expulsion, recall, hiringBan, askedToLeave);

        await ExpelAsync(db, moscow, expulsion, ct).ConfigureAwait(false);

        // Link the records the earlier demo parts wrote to the measures they implement.
        var order = await db.DepartureOrders.FirstOrDefaultAsync(o => o.Mission!.SendingStateCode == B && o.Mission.ReceivingStateCode == A
            && o.Kind == DepartureOrderKind.AskedToLeave && o.LeaveBy == DemoSeeder.Deadline, ct).ConfigureAwait(false);
        if (order is not null) order.ReciprocalMeasureId = askedToLeave.Id;
        var caps = await db.StaffingCaps.Where(c => c.ReceivingStateCode == B && c.SendingStateCode == A).ToListAsync(ct).ConfigureAwait(false);
        foreach (var cap in caps)
            cap.ReciprocalMeasureId = cap.Category == StaffCategory.LocallyEngaged && cap.Limit == 0 ? hiringBan.Id : cap.Limit == 455 ? cap2017.Id : cap.ReciprocalMeasureId;
        var policy = await db.HostPolicies.FirstOrDefaultAsync(p => p.ReceivingStateCode == A && p.SendingStateCode == B && p.InForceFrom == DemoVisaStory.PolicyFrom, ct).ConfigureAwait(false);
        if (policy is not null) policy.ReciprocalMeasureId = policyRule.Id;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return true;
    }

    private static ReciprocalMeasure Measure(
        string acting, string target, ReciprocalMeasureKind kind, DateOnly announced, DateOnly inForce,
        int? magnitude = null, DateOnly? endedOn = null, ReciprocalMeasure? respondsTo = null, string? source = null) => new()
        {
            ActingStateCode = acting,
            TargetStateCode = target,
            Kind = kind,
            AnnouncedOn = announced,
            InForceFrom = inForce,
            EndedOn = endedOn,
            Magnitude = magnitude,
            Source = source,
            InResponseToId = respondsTo?.Id,
        };

    // Russia declares ten of the US embassy's diplomats persona non grata; they left on the leave-by date, with their households.
    private static async Task ExpelAsync(ChanceryDbContext db, Mission moscow, ReciprocalMeasure expulsion, CancellationToken ct)
    {
        var issued = expulsion.AnnouncedOn;
        var left = ExpelledBy;
        var diplomats = await db.Assignments
            .Where(a => a.MissionId == moscow.Id && a.Category == StaffCategory.Diplomatic && a.StartOn <= issued && (a.EndedOn == null || a.EndedOn >= left))
            .OrderBy(a => a.StartOn).ThenBy(a => a.Id).Take(10).ToListAsync(ct).ConfigureAwait(false);
        if (diplomats.Count == 0) return;
        var ids = diplomats.Select(a => a.Id).ToList();
        var family = (await db.FamilyMembers.Where(f => ids.Contains(f.PrincipalAssignmentId) && f.StartOn <= left && (f.EndedOn == null || f.EndedOn > left))
            .ToListAsync(ct).ConfigureAwait(false)).ToLookup(f => f.PrincipalAssignmentId);
        var order = new DepartureOrder
        {
            MissionId = moscow.Id,
            Kind = DepartureOrderKind.PersonaNonGrata,
            IssuedOn = issued,
            LeaveBy = left,
            Basis = "In response to the United States' sanctions of 2021-04-15 (VCDR art. 9: no reasons need be given).",
            ReciprocalMeasureId = expulsion.Id,
        };
        foreach (var a in diplomats)
        {
            var row = new DepartureOrderPerson
            {
                PersonId = a.PersonId,
                AssignmentId = a.Id,
                Status = DeparturePersonStatus.Departed,
                DepartedOn = left,
                PreviousEndedOn = a.EndedOn,
                PreviousEndReason = a.EndReason,
            };
            a.EndedOn = left;
            a.EndReason = EndReason.PersonaNonGrata;
            foreach (var f in family[a.Id])
            {
                row.FamilyEnded.Add(new DepartedFamilyMember { DepartureOrderPersonId = row.Id, FamilyMemberId = f.Id, PreviousEndedOn = f.EndedOn });
                f.EndedOn = left;
            }
            order.Persons.Add(row);
        }
        db.DepartureOrders.Add(order);
    }
}
