using System.Linq.Expressions;
using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
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
/// Computes alerts for a date in the caller's scope. Inputs come from a few set-based reads of plain rows, joined in
/// memory: the missions; the active assignments and household links; the nationalities, names and visas of the people present
/// (looked up, or for a whole registry read in one pass over each table, on two connections at once); and, on another
/// connection meanwhile, the open or granted applications, the policies in force and the year's decisions when some
/// application is pending. The rules do the rest.
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
        var households = data.FamilyMembers.AsNoTracking().Where(f => f.StartOn <= d && (f.EndedOn == null || f.EndedOn >= d));
        if (query.MissionId is { } missionId)
        {
            if (!await missionQuery.AnyAsync(m => m.Id == missionId, ct).ConfigureAwait(false))
                throw new NotFoundException("Mission", missionId);
            missionQuery = missionQuery.Where(m => m.Id == missionId);
            staffQuery = staffQuery.Where(a => a.MissionId == missionId);
            households = households.Where(f => f.PrincipalAssignment!.MissionId == missionId);
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

        var (present, visas) = await ReadPresentAsync(staffQuery, households, missions, d, ct).ConfigureAwait(false);

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
            var familyQuery = households.Where(f =>
                f.PrincipalAssignment!.StartOn <= d && (f.PrincipalAssignment.EndedOn == null || f.PrincipalAssignment.EndedOn >= d));
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
        var alerts = AlertRules.Sort(AlertRules.EvaluateUnsorted(inputs, settings)
            .Where(a => (query.Kind is not { } k || a.Kind == k) && (query.Severity is not { } s || a.Severity == s)));
        return new AlertList(d, alerts, CountPerMission(alerts), Count(alerts));
    }

    // The people present on the date and their visas of the receiving state, in a few reads of plain rows joined here:
    // the active assignments (staff), the active household links (family, kept when their principal's assignment is one
    // of those), then the nationalities and names and the visas of those people, the two on two connections at once.
    // No query per person.
    private async Task<(List<AlertPresence> Present, List<AlertVisa> Visas)> ReadPresentAsync(
        IQueryable<Assignment> staffQuery, IQueryable<FamilyMember> households, List<AlertMission> missions, DateOnly d, CancellationToken ct)
    {
        var receivingOf = missions.ToDictionary(m => m.Id, m => m.ReceivingStateCode);
        var staff = new Dictionary<Guid, (Guid PersonId, Guid MissionId, DateOnly StartOn)>();
        await using (var rows = await RowReader.OpenAsync(db.Database,
            staffQuery.Select(a => new { a.Id, a.PersonId, a.MissionId, a.StartOn }).CreateDbCommand(), ct).ConfigureAwait(false))
        {
            int id = rows.Ordinal("Id"), person = rows.Ordinal("PersonId"), mission = rows.Ordinal("MissionId"), start = rows.Ordinal("StartOn");
            while (await rows.ReadAsync(ct).ConfigureAwait(false))
                staff[rows.GetGuid(id)] = (rows.GetGuid(person), rows.GetGuid(mission), rows.GetDate(start));
        }
        var present = new List<AlertPresence>(staff.Count * 2);
        foreach (var a in staff.Values)
            if (receivingOf.ContainsKey(a.MissionId))
                present.Add(new AlertPresence(a.PersonId, "", "", a.MissionId, AlertRole.Staff, a.StartOn));
        await using (var rows = await RowReader.OpenAsync(db.Database,
            households.Select(f => new { f.PersonId, f.PrincipalAssignmentId }).CreateDbCommand(), ct).ConfigureAwait(false))
        {
            int person = rows.Ordinal("PersonId"), principal = rows.Ordinal("PrincipalAssignmentId");
            while (await rows.ReadAsync(ct).ConfigureAwait(false))
                if (staff.TryGetValue(rows.GetGuid(principal), out var a) && receivingOf.ContainsKey(a.MissionId))
                    present.Add(new AlertPresence(rows.GetGuid(person), "", "", a.MissionId, AlertRole.Family, PrincipalPersonId: a.PersonId));
        }

        // Each present person's receiving states (one, unless present at missions in two states).
        var statesOf = new Dictionary<Guid, string[]>(present.Count);
        foreach (var p in present)
        {
            var state = receivingOf[p.MissionId];
            if (!statesOf.TryGetValue(p.PersonId, out var states)) statesOf[p.PersonId] = [state];
            else if (!states.Contains(state, StringComparer.Ordinal)) statesOf[p.PersonId] = [.. states, state];
        }

        var second = new ChanceryDbContext(options);
        await using (second.ConfigureAwait(false))
        {
            var visaRead = Task.Run(() => ReadVisasAsync(second, statesOf, d, settings.ScanAbovePeople, ct), ct);
            var people = await ReadPeopleAsync(db, statesOf, settings.ScanAbovePeople, ct).ConfigureAwait(false);
            for (var i = 0; i < present.Count; i++)
                if (people.TryGetValue(present[i].PersonId, out var person))
                    present[i] = present[i] with { NationalityCode = person.Nationality, PersonName = person.Name };
            return (present, await visaRead.ConfigureAwait(false));
        }
    }

    // The nationality and display name of each of the people.
    private static async Task<Dictionary<Guid, (string Nationality, string Name)>> ReadPeopleAsync(
        ChanceryDbContext context, Dictionary<Guid, string[]> people, int scanAbove, CancellationToken ct)
    {
        var ids = people.Keys.ToList();
        var query = people.Count > scanAbove ? context.People.AsNoTracking() : context.People.AsNoTracking().Where(x => EF.Parameter(ids).Contains(x.Id));
        var found = new Dictionary<Guid, (string, string)>(people.Count);
        await using var rows = await RowReader.OpenAsync(context.Database,
            query.Select(x => new { x.Id, x.NationalityCode, x.FamilyName, x.GivenNames, x.FamilyNameLatin, x.GivenNamesLatin }).CreateDbCommand(), ct).ConfigureAwait(false);
        int id = rows.Ordinal("Id"), code = rows.Ordinal("NationalityCode"), family = rows.Ordinal("FamilyName"), given = rows.Ordinal("GivenNames"),
            familyLatin = rows.Ordinal("FamilyNameLatin"), givenLatin = rows.Ordinal("GivenNamesLatin");
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
            if (rows.GetGuid(id) is var personId && people.ContainsKey(personId))
                found[personId] = (rows.GetCode(code), Names.Display(rows.GetString(family), rows.GetString(given),
                    rows.IsNull(familyLatin) ? null : rows.GetString(familyLatin), rows.IsNull(givenLatin) ? null : rows.GetString(givenLatin)));
        return found;
    }

    // The current visa (VisaRules.Current) of each of the people from each state where they are present, kept as their
    // visas stream by, so that only one a person and state is built and handed to the rules.
    private static async Task<List<AlertVisa>> ReadVisasAsync(
        ChanceryDbContext context, Dictionary<Guid, string[]> statesOf, DateOnly d, int scanAbove, CancellationToken ct)
    {
        var ids = statesOf.Keys.ToList();
        var query = statesOf.Count > scanAbove ? context.Visas.AsNoTracking() : context.Visas.AsNoTracking().Where(v => EF.Parameter(ids).Contains(v.HolderId));
        var current = new Dictionary<(Guid, string), AlertVisa>(statesOf.Count);
        await using var rows = await RowReader.OpenAsync(context.Database,
            query.Select(v => new { v.Id, v.HolderId, v.IssuingStateCode, v.ValidFrom, v.ValidUntil, v.CancelledOn }).CreateDbCommand(), ct).ConfigureAwait(false);
        int id = rows.Ordinal("Id"), holder = rows.Ordinal("HolderId"), issuer = rows.Ordinal("IssuingStateCode"), from = rows.Ordinal("ValidFrom"),
            until = rows.Ordinal("ValidUntil"), cancelled = rows.Ordinal("CancelledOn");
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
        {
            var holderId = rows.GetGuid(holder);
            if (!statesOf.TryGetValue(holderId, out var states)) continue;
            var state = rows.GetCode(issuer);
            if (Array.IndexOf(states, state) < 0) continue;
            var dates = new VisaDates(rows.GetDate(from), rows.GetDate(until), rows.GetDateOrNull(cancelled));
            if (current.TryGetValue((holderId, state), out var best) && !VisaRules.Supersedes(dates, best.Dates, d)) continue;
            current[(holderId, state)] = new AlertVisa(rows.GetGuid(id), holderId, state, dates.ValidFrom, dates.ValidUntil, dates.CancelledOn);
        }
        return [.. current.Values];
    }

    // The whole registry's open or granted applications, policies in force and reference decisions, on a context of its own.
    private async Task<(List<AlertApplication> Open, IReadOnlyCollection<HostPolicy> Policies, IReadOnlyCollection<ResolvedApplication> Reference)> ReadOthersAsync(
        DateOnly d, CancellationToken ct)
    {
        var second = new ChanceryDbContext(options);
        await using (second.ConfigureAwait(false))
        {
            var open = await ReadApplicationsAsync(second, OpenApplications(second, d), ct).ConfigureAwait(false);
            var policies = await PoliciesAsync(second, d, ct).ConfigureAwait(false);
            return (open, policies, await ReferenceAsync(second, open, d, ct).ConfigureAwait(false));
        }
    }

    // Applications that can matter on the date: filed by then, and pending on it or granted.
    private static IQueryable<VisaApplication> OpenApplications(ChanceryDbContext db, DateOnly d) =>
        db.VisaApplications.AsNoTracking()
            .Where(x => x.FiledOn <= d && (x.DecidedOn == null || x.DecidedOn > d || x.Outcome == VisaApplicationOutcome.Granted));

    // Some 90,000 rows for a whole registry: read with typed getters rather than materialised by EF.
    private static async Task<List<AlertApplication>> ReadApplicationsAsync(ChanceryDbContext context, IQueryable<VisaApplication> query, CancellationToken ct)
    {
        var list = new List<AlertApplication>();
        await using var rows = await RowReader.OpenAsync(context.Database, query
            .Select(x => new { x.Id, x.ApplicantId, x.Kind, x.IssuingStateCode, x.CategoryCode, x.FiledOn, x.DecidedOn, x.Outcome })
            .CreateDbCommand(), ct).ConfigureAwait(false);
        int id = rows.Ordinal("Id"), applicant = rows.Ordinal("ApplicantId"), kind = rows.Ordinal("Kind"), issuer = rows.Ordinal("IssuingStateCode"),
            category = rows.Ordinal("CategoryCode"), filed = rows.Ordinal("FiledOn"), decided = rows.Ordinal("DecidedOn"), outcome = rows.Ordinal("Outcome");
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
            list.Add(new AlertApplication(rows.GetGuid(id), rows.GetGuid(applicant), Enum.Parse<VisaApplicationKind>(rows.GetCode(kind)),
                rows.GetCode(issuer), rows.GetCode(category), rows.GetDate(filed), rows.GetDateOrNull(decided),
                Enum.Parse<VisaApplicationOutcome>(rows.GetCode(outcome))));
        return list;
    }

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
