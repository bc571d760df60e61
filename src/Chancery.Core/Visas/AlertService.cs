using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Visas;

/// <summary>Which alerts to list: a date (the default as-of date when absent), and optional filters.</summary>
public sealed record AlertQuery(DateOnly? AsOf = null, Guid? MissionId = null, AlertKind? Kind = null, AlertSeverity? Severity = null);

/// <summary>Alerts of one mission, counted by severity.</summary>
public sealed record MissionAlertCount(Guid MissionId, string MissionLabel, int Critical, int Warning, int Notice)
{
    /// <summary>All alerts of the mission.</summary>
    public int Total => Critical + Warning + Notice;
}

/// <summary>Alerts counted by severity.</summary>
public sealed record SeverityCounts(int Critical, int Warning, int Notice)
{
    /// <summary>All alerts.</summary>
    public int Total => Critical + Warning + Notice;
}

/// <summary>The alerts for a date, most urgent first, with counts per mission (most critical first) and per severity.</summary>
public sealed record AlertList(DateOnly AsOf, IReadOnlyList<Alert> Alerts, IReadOnlyList<MissionAlertCount> PerMission, SeverityCounts PerSeverity);

/// <summary>
/// Computes alerts for a date in the caller's scope. Inputs come from a few set-based queries (missions, present
/// staff, present family, those of their visas issued by the receiving state that can be current on the date, the open or
/// granted applications, policies in force, and the year's decisions when some application is pending), in slim untracked
/// projections; the rules do the rest, and the names of the people alerted are read last.
/// </summary>
public sealed class AlertService(ChanceryDbContext db, ScopedData data, DefaultAsOf defaultAsOf, AlertSettings settings)
{
    /// <summary>The alerts for the query's date, filtered by mission, kind and severity.</summary>
    public async Task<AlertList> ListAsync(AlertQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var d = defaultAsOf.Resolve(query.AsOf);
        var missionQuery = data.Missions.AsNoTracking();
        var staffQuery = data.Assignments.AsNoTracking().Where(a => a.StartOn <= d && (a.EndedOn == null || a.EndedOn >= d));
        var familyQuery = data.FamilyMembers.AsNoTracking().Where(f =>
            f.StartOn <= d && (f.EndedOn == null || f.EndedOn >= d)
            && f.PrincipalAssignment!.StartOn <= d && (f.PrincipalAssignment.EndedOn == null || f.PrincipalAssignment.EndedOn >= d));
        if (query.MissionId is { } missionId)
        {
            if (!await missionQuery.AnyAsync(m => m.Id == missionId, ct).ConfigureAwait(false))
                throw new NotFoundException("Mission", missionId);
            missionQuery = missionQuery.Where(m => m.Id == missionId);
            staffQuery = staffQuery.Where(a => a.MissionId == missionId);
            familyQuery = familyQuery.Where(f => f.PrincipalAssignment!.MissionId == missionId);
        }

        var missions = (await missionQuery.Select(m => new { m.Id, m.SendingStateCode, m.ReceivingStateCode, m.Kind, m.City })
                .ToListAsync(ct).ConfigureAwait(false))
            .Select(m => new AlertMission(m.Id, m.SendingStateCode, m.ReceivingStateCode, $"{MissionLabels.Kind(m.Kind)} of {StateCodes.NameOf(m.SendingStateCode)} in {m.City}"))
            .ToList();
        // Names are read afterwards, for the people who get an alert only.
        var staff = await staffQuery
            .Select(a => new { a.PersonId, a.MissionId, a.StartOn, a.Person!.NationalityCode })
            .ToListAsync(ct).ConfigureAwait(false);
        var family = await familyQuery
            .Select(f => new { f.PersonId, f.PrincipalAssignment!.MissionId, PrincipalId = f.PrincipalAssignment.PersonId, f.Person!.NationalityCode })
            .ToListAsync(ct).ConfigureAwait(false);
        var present = staff
            .Select(s => new AlertPresence(s.PersonId, "", s.NationalityCode, s.MissionId, AlertRole.Staff, s.StartOn))
            .Concat(family.Select(f => new AlertPresence(f.PersonId, "", f.NationalityCode, f.MissionId, AlertRole.Family, PrincipalPersonId: f.PrincipalId)))
            .ToList();

        // Only visas the receiving state issued to people present on the date (the join does the filtering in SQL), and of
        // those only the ones that can be the current visa (VisaRules.Current): valid on the date, or the latest.
        var visas = db.Visas.AsNoTracking().Where(v =>
            ((v.CancelledOn == null || v.CancelledOn > d) && v.ValidFrom <= d && v.ValidUntil >= d)
            || !db.Visas.Any(w => w.HolderId == v.HolderId && w.IssuingStateCode == v.IssuingStateCode
                && (w.ValidUntil > v.ValidUntil || (w.ValidUntil == v.ValidUntil && w.ValidFrom > v.ValidFrom))));
        var staffVisas = await (
            from v in visas
            join a in staffQuery on v.HolderId equals a.PersonId
            where v.IssuingStateCode == a.Mission!.ReceivingStateCode
            select new AlertVisa(v.Id, v.HolderId, v.IssuingStateCode, v.ValidFrom, v.ValidUntil, v.CancelledOn))
            .ToListAsync(ct).ConfigureAwait(false);
        var familyVisas = await (
            from v in visas
            join f in familyQuery on v.HolderId equals f.PersonId
            where v.IssuingStateCode == f.PrincipalAssignment!.Mission!.ReceivingStateCode
            select new AlertVisa(v.Id, v.HolderId, v.IssuingStateCode, v.ValidFrom, v.ValidUntil, v.CancelledOn))
            .ToListAsync(ct).ConfigureAwait(false);

        // Applications that can matter on the date: filed by then, and pending on it or granted. For one mission they are
        // joined to its present people in SQL; otherwise one plain scan, kept for the present people here, is cheaper
        // than joining the presence twice more.
        var open = db.VisaApplications.AsNoTracking()
            .Where(x => x.FiledOn <= d && (x.DecidedOn == null || x.DecidedOn > d || x.Outcome == VisaApplicationOutcome.Granted));
        List<AlertApplication> applications;
        if (query.MissionId is null)
        {
            var presentIds = present.Select(p => p.PersonId).ToHashSet();
            applications = [.. (await open
                    .Select(x => new AlertApplication(x.Id, x.ApplicantId, x.Kind, x.IssuingStateCode, x.CategoryCode, x.FiledOn, x.DecidedOn, x.Outcome))
                    .ToListAsync(ct).ConfigureAwait(false))
                .Where(x => presentIds.Contains(x.ApplicantId))];
        }
        else
        {
            var staffApplications = await (
                from x in open
                join a in staffQuery on x.ApplicantId equals a.PersonId
                select new AlertApplication(x.Id, x.ApplicantId, x.Kind, x.IssuingStateCode, x.CategoryCode, x.FiledOn, x.DecidedOn, x.Outcome))
                .ToListAsync(ct).ConfigureAwait(false);
            var familyApplications = await (
                from x in open
                join f in familyQuery on x.ApplicantId equals f.PersonId
                select new AlertApplication(x.Id, x.ApplicantId, x.Kind, x.IssuingStateCode, x.CategoryCode, x.FiledOn, x.DecidedOn, x.Outcome))
                .ToListAsync(ct).ConfigureAwait(false);
            applications = [.. staffApplications.Concat(familyApplications).DistinctBy(a => a.Id)];
        }

        var policies = await db.HostPolicies.AsNoTracking()
            .Where(p => p.InForceFrom <= d && (p.InForceUntil == null || p.InForceUntil >= d))
            .ToListAsync(ct).ConfigureAwait(false);

        // Processing times are measured over every decision of the issuing states concerned, not only the caller's
        // missions: a median is no personal data, and the same application must be judged the same for every reader.
        var issuers = applications.Where(a => a.DecidedOn is not { } x || x > d).Select(a => a.IssuingStateCode).Distinct().ToList();
        IReadOnlyCollection<ResolvedApplication> reference = [];
        if (issuers.Count > 0)
        {
            var yearBefore = d.AddDays(-365);
            reference = await VisaStatisticsService.ResolveAsync(db, db.VisaApplications.AsNoTracking().Where(x =>
                    issuers.Contains(x.IssuingStateCode)
                    && (x.Outcome == VisaApplicationOutcome.Granted || x.Outcome == VisaApplicationOutcome.Refused)
                    && x.DecidedOn > yearBefore && x.DecidedOn <= d), d, ct).ConfigureAwait(false);
        }

        var inputs = new AlertInputs(d, missions, present, [.. staffVisas.Concat(familyVisas).DistinctBy(v => v.Id)], applications, policies, reference);
        var unnamed = AlertRules.Evaluate(inputs, settings)
            .Where(a => (query.Kind is not { } k || a.Kind == k) && (query.Severity is not { } s || a.Severity == s))
            .ToList();
        // One array parameter (not one SQL variable per person: SQLite allows at most 32,766).
        var alerted = unnamed.Select(a => a.PersonId).Distinct().ToList();
        var names = (await db.People.AsNoTracking().Where(p => EF.Parameter(alerted).Contains(p.Id))
                .Select(p => new { p.Id, p.FamilyName, p.GivenNames, p.FamilyNameLatin, p.GivenNamesLatin })
                .ToListAsync(ct).ConfigureAwait(false))
            .ToDictionary(p => p.Id, p => Names.Display(p.FamilyName, p.GivenNames, p.FamilyNameLatin, p.GivenNamesLatin));
        var alerts = AlertRules.Sort(unnamed.Select(a => a with { PersonName = names[a.PersonId] }));
        return new AlertList(d, alerts, CountPerMission(alerts), Count(alerts));
    }

    private static SeverityCounts Count(IEnumerable<Alert> alerts)
    {
        int critical = 0, warning = 0, notice = 0;
        foreach (var a in alerts)
        {
            if (a.Severity == AlertSeverity.Critical) critical++;
            else if (a.Severity == AlertSeverity.Warning) warning++;
            else notice++;
        }
        return new(critical, warning, notice);
    }

    private static List<MissionAlertCount> CountPerMission(IEnumerable<Alert> alerts) =>
        [.. alerts.GroupBy(a => (a.MissionId, a.MissionLabel))
            .Select(g => Count(g) is var c ? new MissionAlertCount(g.Key.MissionId, g.Key.MissionLabel, c.Critical, c.Warning, c.Notice) : null!)
            .OrderByDescending(c => c.Critical).ThenByDescending(c => c.Warning).ThenByDescending(c => c.Notice)
            .ThenBy(c => c.MissionLabel, StringComparer.Ordinal).ThenBy(c => c.MissionId)];
}
