using System.Data.Common;
using System.Linq.Expressions;
using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.Policies;
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
/// Computes alerts for a date in the caller's scope. Inputs come from a few set-based queries in slim untracked
/// projections: the missions; the present staff and family with those of their visas issued by the receiving state
/// that can be current on the date (one query); and, on a second connection meanwhile, the open or granted
/// applications, the policies in force and the year's decisions when some application is pending. The rules do the
/// rest, and the names of the people alerted are read last.
/// </summary>
public sealed class AlertService(
    ChanceryDbContext db, DbContextOptions<ChanceryDbContext> options, ScopedData data, DefaultAsOf defaultAsOf, AlertSettings settings)
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

        // Applications, policies and processing times do not depend on who is present: for the whole registry they are
        // read on a second connection while this one reads the present people and their visas (SQLite in WAL mode and
        // PostgreSQL both serve concurrent readers). For one mission the applications are joined to its people in SQL.
        var whole = query.MissionId is null;
        var others = whole ? Task.Run(() => ReadOthersAsync(d, ct), ct) : null;

        var missions = (await missionQuery.Select(m => new { m.Id, m.SendingStateCode, m.ReceivingStateCode, m.Kind, m.City })
                .ToListAsync(ct).ConfigureAwait(false))
            .Select(m => new AlertMission(m.Id, m.SendingStateCode, m.ReceivingStateCode, $"{MissionLabels.Kind(m.Kind)} of {StateCodes.NameOf(m.SendingStateCode)} in {m.City}"))
            .ToList();

        // Staff and family present on the date, each with those of their visas issued by the receiving state that can be
        // the current one (VisaRules.Current: valid on the date, or the latest), in one query: a person with two such
        // visas comes twice, one with none once. Names are read afterwards, for the people alerted only.
        // A person cannot be in their own household (FamilyService), so a row whose principal is the person is staff.
        var presentQuery = staffQuery
            .Select(a => new { a.PersonId, a.MissionId, a.Mission!.ReceivingStateCode, a.StartOn, PrincipalId = a.PersonId, a.Person!.NationalityCode })
            .Concat(familyQuery.Select(f => new
            {
                f.PersonId,
                f.PrincipalAssignment!.MissionId,
                f.PrincipalAssignment.Mission!.ReceivingStateCode,
                f.PrincipalAssignment.StartOn,
                PrincipalId = f.PrincipalAssignment.PersonId,
                f.Person!.NationalityCode,
            }));
        var candidates = db.Visas.AsNoTracking().Where(v =>
            ((v.CancelledOn == null || v.CancelledOn > d) && v.ValidFrom <= d && v.ValidUntil >= d)
            || !db.Visas.Any(w => w.HolderId == v.HolderId && w.IssuingStateCode == v.IssuingStateCode
                && (w.ValidUntil > v.ValidUntil || (w.ValidUntil == v.ValidUntil && w.ValidFrom > v.ValidFrom))));
        var rows =
            from p in presentQuery
            join v in candidates on new { Holder = p.PersonId, State = p.ReceivingStateCode } equals new { Holder = v.HolderId, State = v.IssuingStateCode } into pv
            from v in pv.DefaultIfEmpty()
            select new
            {
                p.PersonId,
                p.MissionId,
                p.ReceivingStateCode,
                p.StartOn,
                p.PrincipalId,
                p.NationalityCode,
                VisaId = (Guid?)v!.Id,
                ValidFrom = (DateOnly?)v.ValidFrom,
                ValidUntil = (DateOnly?)v.ValidUntil,
                v.CancelledOn,
            };
        var (present, visas) = await ReadPresentAsync(rows.CreateDbCommand(), ct).ConfigureAwait(false);

        List<AlertApplication> applications;
        IReadOnlyCollection<HostPolicy> policies;
        IReadOnlyCollection<ResolvedApplication> reference;
        if (others is not null)
        {
            (var open, policies, reference) = await others.ConfigureAwait(false);
            var presentIds = present.Select(p => p.PersonId).ToHashSet();
            applications = [.. open.Where(x => presentIds.Contains(x.ApplicantId))];
        }
        else
        {
            var open = OpenApplications(db, d);
            var staffApplications = await (
                from x in open
                join a in staffQuery on x.ApplicantId equals a.PersonId
                select x).Select(ToAlertApplication)
                .ToListAsync(ct).ConfigureAwait(false);
            var familyApplications = await (
                from x in open
                join f in familyQuery on x.ApplicantId equals f.PersonId
                select x).Select(ToAlertApplication)
                .ToListAsync(ct).ConfigureAwait(false);
            applications = [.. staffApplications.Concat(familyApplications).DistinctBy(a => a.Id)];
            policies = await PoliciesAsync(db, d, ct).ConfigureAwait(false);
            reference = await ReferenceAsync(db, applications, d, ct).ConfigureAwait(false);
        }

        var inputs = new AlertInputs(d, missions, present, visas, applications, policies, reference);
        var unnamed = AlertRules.EvaluateUnsorted(inputs, settings)
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

    // The present people and their candidate visas, read with typed getters from the command EF builds for the query
    // above (the same SQL and parameters, on this context's connection): some 300,000 rows for the whole registry, where
    // materialising an object per row costs more than the rules. Columns are found by name.
    private async Task<(List<AlertPresence> Present, List<AlertVisa> Visas)> ReadPresentAsync(DbCommand command, CancellationToken ct)
    {
        var present = new List<AlertPresence>();
        var visas = new List<AlertVisa>();
        var seenPresence = new HashSet<(Guid, Guid, Guid, DateOnly)>();
        var seenVisa = new HashSet<Guid>();
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    int personOrdinal = reader.GetOrdinal("PersonId"), missionOrdinal = reader.GetOrdinal("MissionId"),
                        receivingOrdinal = reader.GetOrdinal("ReceivingStateCode"), startOrdinal = reader.GetOrdinal("StartOn"),
                        principalOrdinal = reader.GetOrdinal("PrincipalId"), nationalityOrdinal = reader.GetOrdinal("NationalityCode"),
                        visaOrdinal = reader.GetOrdinal("VisaId"), fromOrdinal = reader.GetOrdinal("ValidFrom"),
                        untilOrdinal = reader.GetOrdinal("ValidUntil"), cancelledOrdinal = reader.GetOrdinal("CancelledOn");
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        var personId = reader.GetGuid(personOrdinal);
                        var missionId = reader.GetGuid(missionOrdinal);
                        var principalId = reader.GetGuid(principalOrdinal);
                        var startOn = reader.GetFieldValue<DateOnly>(startOrdinal);
                        if (seenPresence.Add((personId, missionId, principalId, startOn)))
                        {
                            var nationality = reader.GetString(nationalityOrdinal);
                            present.Add(principalId == personId
                                ? new AlertPresence(personId, "", nationality, missionId, AlertRole.Staff, startOn)
                                : new AlertPresence(personId, "", nationality, missionId, AlertRole.Family, PrincipalPersonId: principalId));
                        }
                        if (!reader.IsDBNull(visaOrdinal) && reader.GetGuid(visaOrdinal) is var visaId && seenVisa.Add(visaId))
                            visas.Add(new AlertVisa(visaId, personId, reader.GetString(receivingOrdinal),
                                reader.GetFieldValue<DateOnly>(fromOrdinal), reader.GetFieldValue<DateOnly>(untilOrdinal),
                                reader.IsDBNull(cancelledOrdinal) ? null : reader.GetFieldValue<DateOnly>(cancelledOrdinal)));
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
        return (present, visas);
    }

    // The whole registry's open or granted applications, policies in force and reference decisions, on a context of its own.
    private async Task<(List<AlertApplication> Open, IReadOnlyCollection<HostPolicy> Policies, IReadOnlyCollection<ResolvedApplication> Reference)> ReadOthersAsync(
        DateOnly d, CancellationToken ct)
    {
        var second = new ChanceryDbContext(options);
        await using (second.ConfigureAwait(false))
        {
            var open = await OpenApplications(second, d).Select(ToAlertApplication).ToListAsync(ct).ConfigureAwait(false);
            var policies = await PoliciesAsync(second, d, ct).ConfigureAwait(false);
            return (open, policies, await ReferenceAsync(second, open, d, ct).ConfigureAwait(false));
        }
    }

    // Applications that can matter on the date: filed by then, and pending on it or granted.
    private static IQueryable<VisaApplication> OpenApplications(ChanceryDbContext db, DateOnly d) =>
        db.VisaApplications.AsNoTracking()
            .Where(x => x.FiledOn <= d && (x.DecidedOn == null || x.DecidedOn > d || x.Outcome == VisaApplicationOutcome.Granted));

    private static readonly Expression<Func<VisaApplication, AlertApplication>> ToAlertApplication =
        x => new AlertApplication(x.Id, x.ApplicantId, x.Kind, x.IssuingStateCode, x.CategoryCode, x.FiledOn, x.DecidedOn, x.Outcome);

    private static async Task<IReadOnlyCollection<HostPolicy>> PoliciesAsync(ChanceryDbContext db, DateOnly d, CancellationToken ct) =>
        await db.HostPolicies.AsNoTracking()
            .Where(p => p.InForceFrom <= d && (p.InForceUntil == null || p.InForceUntil >= d))
            .ToListAsync(ct).ConfigureAwait(false);

    // Processing times are measured over every decision of the issuing states concerned, not only the caller's
    // missions: a median is no personal data, and the same application must be judged the same for every reader.
    // The issuers are those of the applications pending on the date (for the whole registry, a few more than those of
    // the present people: the rules only look up the ones they need).
    private static async Task<IReadOnlyCollection<ResolvedApplication>> ReferenceAsync(
        ChanceryDbContext db, IEnumerable<AlertApplication> applications, DateOnly d, CancellationToken ct)
    {
        var issuers = applications.Where(a => a.DecidedOn is not { } x || x > d).Select(a => a.IssuingStateCode).Distinct().ToList();
        if (issuers.Count == 0) return [];
        var yearBefore = d.AddDays(-365);
        return await VisaStatisticsService.ResolveAsync(db, db.VisaApplications.AsNoTracking().Where(x =>
                issuers.Contains(x.IssuingStateCode)
                && (x.Outcome == VisaApplicationOutcome.Granted || x.Outcome == VisaApplicationOutcome.Refused)
                && x.DecidedOn > yearBefore && x.DecidedOn <= d), d, ct).ConfigureAwait(false);
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
