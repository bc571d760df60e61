using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Visas;

/// <summary>Filters of the travel-risk report. Dates default to the as-of date and 30 days after it.</summary>
public sealed record TravelRiskQuery(
    DateOnly? AsOf = null, DateOnly? ReturnBy = null, Guid? MissionId = null, string? SendingState = null, string? ReceivingState = null);

/// <summary>Counts of one mission: the people who need a visa of the receiving state, and those at risk.</summary>
public sealed record TravelRiskMission(
    Guid MissionId, string Label, string SendingStateCode, string ReceivingStateCode, string City,
    int StaffPresent, int StaffAtRisk, int FamilyPresent, int FamilyAtRisk)
{
    /// <summary>Staff and family at risk.</summary>
    public int TotalAtRisk => StaffAtRisk + FamilyAtRisk;
}

/// <summary>Counts over every mission in the report.</summary>
public sealed record TravelRiskTotals(int Missions, int StaffPresent, int StaffAtRisk, int FamilyPresent, int FamilyAtRisk)
{
    /// <summary>Staff and family at risk.</summary>
    public int TotalAtRisk => StaffAtRisk + FamilyAtRisk;
}

/// <summary>A person who could not leave and come back, with every reason and the visa that speaks for them.</summary>
public sealed record PersonAtRisk(
    Guid PersonId, string Name, Guid MissionId, bool IsStaff, string Role, Guid? PrincipalPersonId, string? PrincipalName,
    Guid? VisaId, string? VisaCategory, DateOnly? ValidUntil, IReadOnlyList<TravelRiskFinding> Reasons);

/// <summary>
/// The travel-risk report: staff and family who, leaving the receiving state on <see cref="AsOf"/>, could not come
/// back by <see cref="ReturnBy"/>. <see cref="ReturnByNote"/> says when the return date was the default.
/// </summary>
public sealed record TravelRiskReport(
    DateOnly AsOf, DateOnly ReturnBy, string? ReturnByNote, IReadOnlyList<TravelRiskMission> Missions, TravelRiskTotals Totals,
    IReadOnlyList<PersonAtRisk> People);

/// <summary>
/// Builds the travel-risk report within the caller's scope with six set-based queries (missions, staff, families,
/// visas, pending applications, policies), however many missions there are.
/// </summary>
public sealed class TravelRiskService(ChanceryDbContext db, ScopedData data, DefaultAsOf defaultAsOf)
{
    /// <summary>The report for the filters; a mission asked for by id and not visible is not found.</summary>
    public async Task<TravelRiskReport> GetAsync(TravelRiskQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var date = defaultAsOf.Resolve(query.AsOf);
        var returnBy = TravelRiskRules.ReturnBy(date, query.ReturnBy);
        var v = new Validator();
        if (returnBy < date)
            v.Add("returnBy", $"returnBy {returnBy:yyyy-MM-dd} is before the as-of date {date:yyyy-MM-dd}; give a return date on or after it.");
        var sending = StateCodes.Check(v, "sendingState", query.SendingState, required: false);
        var receiving = StateCodes.Check(v, "receivingState", query.ReceivingState, required: false);
        v.ThrowIfAny();

        var missions = data.Missions.AsNoTracking();
        if (query.MissionId is { } id) missions = missions.Where(m => m.Id == id);
        if (sending is not null) missions = missions.Where(m => m.SendingStateCode == sending);
        if (receiving is not null) missions = missions.Where(m => m.ReceivingStateCode == receiving);
        var missionRows = await missions
            .Select(m => new { m.Id, m.SendingStateCode, m.ReceivingStateCode, m.Kind, m.City })
            .ToListAsync(ct).ConfigureAwait(false);
        if (query.MissionId is { } asked && missionRows.Count == 0) throw new NotFoundException("Mission", asked);
        var missionIds = missions.Select(m => m.Id);

        // Nationals of the receiving state need no visa to come home (VCDR art. 38 staff are recorded, not at risk).
        var staffQuery = data.Assignments.AsNoTracking()
            .Where(a => missionIds.Contains(a.MissionId) && a.StartOn <= date && (a.EndedOn == null || a.EndedOn >= date)
                && a.Person!.NationalityCode != a.Mission!.ReceivingStateCode);
        var familyQuery = data.FamilyMembers.AsNoTracking()
            .Where(f => missionIds.Contains(f.PrincipalAssignment!.MissionId) && f.StartOn <= date && (f.EndedOn == null || f.EndedOn >= date)
                && f.PrincipalAssignment.StartOn <= date && (f.PrincipalAssignment.EndedOn == null || f.PrincipalAssignment.EndedOn >= date)
                && f.Person!.NationalityCode != f.PrincipalAssignment.Mission!.ReceivingStateCode);
        var staff = await staffQuery
            .Select(a => new { AssignmentId = a.Id, a.MissionId, a.PersonId, a.Title, a.Person!.FamilyName, a.Person.GivenNames, a.Person.FamilyNameLatin, a.Person.GivenNamesLatin })
            .ToListAsync(ct).ConfigureAwait(false);
        var family = await familyQuery
            .Select(f => new
            {
                f.PersonId,
                f.PrincipalAssignment!.MissionId,
                f.Relationship,
                PrincipalPersonId = f.PrincipalAssignment.PersonId,
                f.Person!.FamilyName,
                f.Person.GivenNames,
                f.Person.FamilyNameLatin,
                f.Person.GivenNamesLatin,
                PrincipalFamily = f.PrincipalAssignment.Person!.FamilyName,
                PrincipalGiven = f.PrincipalAssignment.Person.GivenNames,
                PrincipalFamilyLatin = f.PrincipalAssignment.Person.FamilyNameLatin,
                PrincipalGivenLatin = f.PrincipalAssignment.Person.GivenNamesLatin,
            })
            .ToListAsync(ct).ConfigureAwait(false);

        // Principals are loaded too: a family visa may end with the principal's.
        var people = staffQuery.Select(a => a.PersonId)
            .Concat(familyQuery.Select(f => f.PersonId))
            .Concat(familyQuery.Select(f => f.PrincipalAssignment!.PersonId));
        var issuers = missionRows.Select(m => m.ReceivingStateCode).Distinct().ToList();
        var visas = (await db.Visas.AsNoTracking()
                .Where(x => people.Contains(x.HolderId) && issuers.Contains(x.IssuingStateCode))
                .ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(x => (x.HolderId, x.IssuingStateCode));
        var pending = (await db.VisaApplications.AsNoTracking()
                .Where(x => people.Contains(x.ApplicantId) && issuers.Contains(x.IssuingStateCode) && x.FiledOn <= date
                    && (x.DecidedOn == null ? x.Outcome == VisaApplicationOutcome.Pending : x.DecidedOn > date))
                .Select(x => new { x.ApplicantId, x.IssuingStateCode })
                .ToListAsync(ct).ConfigureAwait(false))
            .Select(x => (x.ApplicantId, x.IssuingStateCode)).ToHashSet();
        var policies = await db.HostPolicies.AsNoTracking()
            .Where(p => issuers.Contains(p.ReceivingStateCode) && p.InForceFrom <= date && (p.InForceUntil == null || p.InForceUntil >= date))
            .ToListAsync(ct).ConfigureAwait(false);

        var byMission = missionRows.ToDictionary(m => m.Id);
        var policyCache = new Dictionary<(string, string), HostPolicy?>();
        HostPolicy? PolicyOf(Guid missionId)
        {
            var m = byMission[missionId];
            var key = (m.ReceivingStateCode, m.SendingStateCode);
            if (!policyCache.TryGetValue(key, out var policy))
                policyCache[key] = policy = PolicyRules.InForce(policies, m.ReceivingStateCode, m.SendingStateCode, date);
            return policy;
        }
        Visa? VisaOf(Guid personId, Guid missionId) => VisaRules.Current(visas[(personId, byMission[missionId].ReceivingStateCode)], date);

        var atRisk = new List<PersonAtRisk>();
        var counts = missionRows.ToDictionary(m => m.Id, _ => new int[4]);
        foreach (var s in staff)
        {
            counts[s.MissionId][0]++;
            var policy = PolicyOf(s.MissionId);
            var visa = VisaOf(s.PersonId, s.MissionId);
            var findings = TravelRiskRules.Assess(visa, date, returnBy, pending.Contains((s.PersonId, byMission[s.MissionId].ReceivingStateCode)), graceDays: policy?.GraceDays ?? 0);
            if (findings.Count == 0) continue;
            counts[s.MissionId][1]++;
            atRisk.Add(new(s.PersonId, Names.Display(s.FamilyName, s.GivenNames, s.FamilyNameLatin, s.GivenNamesLatin), s.MissionId, true, s.Title,
                null, null, visa?.Id, visa?.CategoryCode, visa?.ValidUntil, findings));
        }
        foreach (var f in family)
        {
            counts[f.MissionId][2]++;
            var policy = PolicyOf(f.MissionId);
            var visa = VisaOf(f.PersonId, f.MissionId);
            DateOnly? principalLastDay = policy is { FamilyVisasEndWithPrincipal: true } && VisaOf(f.PrincipalPersonId, f.MissionId) is { } pv
                ? TravelRiskRules.LastDay(pv) : null;
            var findings = TravelRiskRules.Assess(visa, date, returnBy, pending.Contains((f.PersonId, byMission[f.MissionId].ReceivingStateCode)),
                principalLastDay, policy?.GraceDays ?? 0);
            if (findings.Count == 0) continue;
            counts[f.MissionId][3]++;
            var principalName = Names.Display(f.PrincipalFamily, f.PrincipalGiven, f.PrincipalFamilyLatin, f.PrincipalGivenLatin);
            atRisk.Add(new(f.PersonId, Names.Display(f.FamilyName, f.GivenNames, f.FamilyNameLatin, f.GivenNamesLatin), f.MissionId, false,
                f.Relationship.ToString(), f.PrincipalPersonId, principalName, visa?.Id, visa?.CategoryCode, visa?.ValidUntil, findings));
        }

        var rows = missionRows
            .Where(m => query.MissionId is not null || counts[m.Id][0] + counts[m.Id][2] > 0)
            .Select(m =>
            {
                var c = counts[m.Id];
                return new TravelRiskMission(m.Id, $"{MissionLabels.Kind(m.Kind)} of {StateCodes.NameOf(m.SendingStateCode)} in {m.City}",
                    m.SendingStateCode, m.ReceivingStateCode, m.City, c[0], c[1], c[2], c[3]);
            })
            .OrderByDescending(m => m.TotalAtRisk).ThenBy(m => m.Label, StringComparer.Ordinal)
            .ToList();
        var labels = rows.ToDictionary(r => r.MissionId, r => r.Label);
        var ordered = atRisk
            .OrderBy(p => labels.GetValueOrDefault(p.MissionId), StringComparer.Ordinal)
            .ThenBy(p => p.IsStaff ? p.Name : p.PrincipalName, StringComparer.CurrentCulture)
            .ThenBy(p => p.IsStaff ? 0 : 1)
            .ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .ToList();
        var totals = new TravelRiskTotals(rows.Count, rows.Sum(r => r.StaffPresent), rows.Sum(r => r.StaffAtRisk), rows.Sum(r => r.FamilyPresent), rows.Sum(r => r.FamilyAtRisk));
        var note = query.ReturnBy is null
            ? $"No return date was given: return by {returnBy:yyyy-MM-dd}, {TravelRiskRules.DefaultReturnWithinDays} days after the as-of date."
            : null;
        return new TravelRiskReport(date, returnBy, note, rows, totals, ordered);
    }
}
