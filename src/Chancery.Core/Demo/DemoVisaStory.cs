using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Demo;

/// <summary>
/// The visa part of the reference scenario, laid over the base demo: host policies (A's "reapply after three
/// years" rule for B's staff), B's renewals pending for months while A's staff in B are served within weeks, late
/// renewals, refusals, and single-entry visas already used. On 2021-08-15, with a return in 30 days, about 60 of B's
/// staff in A could not travel and come back, about 130 with their families. The 24 visas ending 2021-09-03 are
/// left exactly as the base demo made them. Applied with the base demo, or on its own to a demo database that
/// predates it (it checks for its own policy).
/// </summary>
public sealed class DemoVisaStory(ChanceryDbContext db)
{
    /// <summary>First day of A's policy for B's staff.</summary>
    public static readonly DateOnly PolicyFrom = new(2020, 1, 1);

    private static readonly DateOnly Ref = DemoSeeder.ReferenceDate;
    private const string Host = DemoSeeder.HostState;
    private const string Sending = DemoSeeder.SendingState;

    /// <summary>Whether the story is already in the database.</summary>
    public Task<bool> IsPresentAsync(CancellationToken ct) =>
        db.HostPolicies.AnyAsync(p => p.ReceivingStateCode == Host && p.SendingStateCode == Sending && p.InForceFrom == PolicyFrom, ct);

    /// <summary>Writes the story; the caller holds the transaction and has saved the base demo.</summary>
    public async Task WriteAsync(CancellationToken ct)
    {
        AddPolicies();
        await BSlowedAsync(ct).ConfigureAwait(false);
        await AServedQuicklyAsync(ct).ConfigureAwait(false);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private void AddPolicies() => db.HostPolicies.AddRange(
        new HostPolicy
        {
            ReceivingStateCode = Host,
            SendingStateCode = Sending,
            InForceFrom = PolicyFrom,
            ReapplyAfterYears = 3,
            RenewalLeadDays = 45,
            GraceDays = 30,
            MaxVisaValidityDays = 1095,
            FamilyVisasEndWithPrincipal = true,
            Note = "Note verbale of 2019-12: staff of the Russian Federation must reapply for a new visa after three years in post (\"reapply after three years\"), not renew; renewals at least 45 days before expiry; family visas end with the principal's.",
        },
        new HostPolicy
        {
            ReceivingStateCode = Host,
            InForceFrom = new DateOnly(2010, 1, 1),
            RenewalLeadDays = 30,
            GraceDays = 30,
            Note = "General rules of the Office of Foreign Missions for all sending states.",
        },
        new HostPolicy
        {
            ReceivingStateCode = Sending,
            SendingStateCode = Host,
            InForceFrom = PolicyFrom,
            RenewalLeadDays = 30,
            GraceDays = 14,
            MaxVisaValidityDays = 730,
            FamilyVisasEndWithPrincipal = true,
            Note = "Reciprocal rules for staff of the United States. The ban on hiring local staff (from 2021-08-01) belongs to a later record.",
        });

    /// <summary>The household of one of B's staff members in A, with the visas that speak for them on the reference date.</summary>
    private sealed record Household(Assignment Principal, Visa? Visa, List<(Guid PersonId, Visa? Visa)> Family);

    private async Task BSlowedAsync(CancellationToken ct)
    {
        var staff = await db.Assignments
            .Where(a => a.Mission!.SendingStateCode == Sending && a.Mission.ReceivingStateCode == Host && a.Person!.NationalityCode == Sending
                && a.StartOn <= Ref && (a.EndedOn == null || a.EndedOn >= Ref))
            .Include(a => a.Mission).Include(a => a.Person)
            .ToListAsync(ct).ConfigureAwait(false);
        // Passport numbers were handed out in order of creation: a stable order for the story, whatever the ids.
        staff = [.. staff.OrderBy(a => a.Person!.PassportNumber, StringComparer.Ordinal)];
        var ids = staff.Select(a => a.Id).ToList();
        var family = await db.FamilyMembers.Where(f => ids.Contains(f.PrincipalAssignmentId)).Include(f => f.Person).ToListAsync(ct).ConfigureAwait(false);
        var people = staff.Select(a => a.PersonId).Concat(family.Select(f => f.PersonId)).ToList();
        var visas = (await db.Visas.Where(v => people.Contains(v.HolderId) && v.IssuingStateCode == Host).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(v => v.HolderId);
        var households = staff.Select(a => new Household(a, VisaRules.Current(visas[a.PersonId], Ref),
            [.. family.Where(f => f.PrincipalAssignmentId == a.Id).OrderBy(f => f.Person!.PassportNumber, StringComparer.Ordinal)
                .Select(f => (f.PersonId, VisaRules.Current(visas[f.PersonId], Ref)))])).ToList();

        // Who still travels freely: the ambassador's household and the consulate-general in New York.
        bool Untouched(Household h) => h.Principal.Category == StaffCategory.HeadOfMission && h.Principal.Mission!.City == "Washington"
            || h.Principal.Mission!.City == "New York" && h.Principal.Category != StaffCategory.AdministrativeTechnical;

        int deadline = 0, expired = 0, other = 0;
        foreach (var h in households)
        {
            if (h.Visa is null) continue;
            if (Untouched(h))
            {
                // Their current visas came slowly: A took four to seven months.
                Granted(h.Principal.PersonId, h.Visa, 120 + h.Visa.ValidUntil.Day * 3);
                foreach (var (person, visa) in h.Family) if (visa is not null) Granted(person, visa, 120 + visa.ValidUntil.Day * 3);
            }
            else if (h.Visa.ValidUntil == DemoSeeder.Deadline)
            {
                // Half of the 24 filed their renewal in time (45 days before) and wait; the other half have not filed: late renewals.
                if (deadline++ % 2 == 0)
                    ForHousehold(h, (person, visa) => Pending(person, visa, VisaApplicationKind.Renewal, new DateOnly(2021, 6, 1).AddDays(deadline)));
            }
            else if (h.Visa.ValidUntil < Ref)
            {
                // Renewals filed early in 2021, pending for months; a few refused without reasons (VCDR art. 9).
                var filed = new DateOnly(2021, 2, 1).AddDays(expired * 7);
                if (expired++ % 4 == 3)
                    ForHousehold(h, (person, visa) => Refused(person, visa, filed, new DateOnly(2021, 6, 20).AddDays(expired)));
                else
                    ForHousehold(h, (person, visa) => Pending(person, visa, VisaApplicationKind.Renewal, filed));
            }
            else
            {
                // The visa held was granted slowly; now the household either has used its single entry or waits on A.
                Granted(h.Principal.PersonId, h.Visa, 110 + other * 9);
                if (other++ % 3 == 0)
                {
                    ForHousehold(h, (_, visa) =>
                    {
                        visa.Entries = VisaEntries.Single;
                        visa.EntriesUsed = 1;
                    });
                }
                else
                {
                    // After three years in post A asks for a new visa, not a renewal.
                    var kind = h.Principal.StartOn.AddYears(3) <= Ref ? VisaApplicationKind.New : VisaApplicationKind.Renewal;
                    ForHousehold(h, (person, visa) => Pending(person, visa, kind, new DateOnly(2021, 3, 15).AddDays(other * 4)));
                }
            }
        }
    }

    private static void ForHousehold(Household h, Action<Guid, Visa> act)
    {
        if (h.Visa is not null) act(h.Principal.PersonId, h.Visa);
        foreach (var (person, visa) in h.Family) if (visa is not null) act(person, visa);
    }

    private void Pending(Guid person, Visa visa, VisaApplicationKind kind, DateOnly filed) =>
        Application(person, visa, kind, filed, VisaApplicationOutcome.Pending, decided: null);

    private void Refused(Guid person, Visa visa, DateOnly filed, DateOnly decided) =>
        Application(person, visa, VisaApplicationKind.Renewal, filed, VisaApplicationOutcome.Refused, decided);

    /// <summary>The application that produced <paramref name="visa"/>, decided on its issue date after <paramref name="days"/> days.</summary>
    private void Granted(Guid person, Visa visa, int days)
    {
        var decided = visa.IssuedOn ?? visa.ValidFrom;
        Application(person, visa, VisaApplicationKind.New, decided.AddDays(-days), VisaApplicationOutcome.Granted, decided);
    }

    /// <summary>An application about <paramref name="visa"/>: a renewal replaces it; a granted one produced it.</summary>
    private void Application(Guid person, Visa visa, VisaApplicationKind kind, DateOnly filed, VisaApplicationOutcome outcome, DateOnly? decided) =>
        db.VisaApplications.Add(new VisaApplication
        {
            ApplicantId = person,
            Kind = kind,
            CategoryCode = visa.CategoryCode,
            IssuingStateCode = visa.IssuingStateCode,
            FiledOn = filed,
            DecidedOn = decided,
            Outcome = outcome,
            ReplacesVisaId = kind == VisaApplicationKind.New ? null : visa.Id,
            ResultingVisaId = outcome == VisaApplicationOutcome.Granted ? visa.Id : null,
        });

    /// <summary>A's staff in B: B decides within two to five weeks, so the gap in processing times shows.</summary>
    private async Task AServedQuicklyAsync(CancellationToken ct)
    {
        var people = db.Assignments.Where(a => a.Mission!.SendingStateCode == Host && a.Mission.ReceivingStateCode == Sending).Select(a => a.PersonId)
            .Concat(db.FamilyMembers.Where(f => f.PrincipalAssignment!.Mission!.SendingStateCode == Host && f.PrincipalAssignment.Mission.ReceivingStateCode == Sending).Select(f => f.PersonId));
        var visas = await db.Visas.Where(v => v.IssuingStateCode == Sending && people.Contains(v.HolderId))
            .Include(v => v.Holder).ToListAsync(ct).ConfigureAwait(false);
        var n = 0;
        foreach (var visa in visas.OrderBy(v => v.Holder!.PassportNumber, StringComparer.Ordinal))
            Granted(visa.HolderId, visa, 14 + n++ * 5 % 22);
    }
}
