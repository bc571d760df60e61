using System.Linq.Expressions;
using System.Runtime.InteropServices;
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
/// (looked up, or for a whole registry read in one pass over each table, on two connections at once; the visas ending on
/// or after the date first); and, on another connection meanwhile, the open or granted applications, the policies in
/// force and the year's decisions when some application is pending. The current visas and nationalities go to the rules
/// already indexed. The rules do the rest.
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
        // Reading every assignment and household link active on the date, a reader who sees every mission learns where
        // everyone serves: the applicant states of the processing times then need no queries of their own.
        var serving = whole && data.Scope.SeesAllMissions ? new ServingStates() : null;
        var others = whole ? Task.Run(() => ReadOthersAsync(d, serving is null, ct), ct) : null;

        var missions = (await missionQuery.Select(m => new { m.Id, m.SendingStateCode, m.ReceivingStateCode, m.Kind, m.City })
                .ToListAsync(ct).ConfigureAwait(false))
            .Select(m => new AlertMission(m.Id, m.SendingStateCode, m.ReceivingStateCode, $"{MissionLabels.Kind(m.Kind)} of {StateCodes.NameOf(m.SendingStateCode)} in {m.City}"))
            .ToList();

        var (present, index, isPresent) = await ReadPresentAsync(staffQuery, households, missions, serving, d, ct).ConfigureAwait(false);

        List<AlertApplication> applications;
        IReadOnlyCollection<HostPolicy> policies;
        IReadOnlyCollection<ResolvedApplication> reference;
        if (others is not null)
        {
            (var open, policies, var decisions, var resolved) = await others.ConfigureAwait(false);
            reference = resolved ?? await VisaStatisticsService.ResolveAsync(db, decisions, d, serving, ct).ConfigureAwait(false);
            applications = [.. open.Where(x => isPresent(x.ApplicantId))];
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
            reference = ReferenceQuery(db, applications, d) is { } decided ? await VisaStatisticsService.ResolveAsync(db, decided, d, ct).ConfigureAwait(false) : [];
        }

        var inputs = new AlertInputs(d, missions, present, index.Current.Values, applications, policies, reference);
        var alerts = AlertRules.Sort(AlertRules.EvaluateUnsorted(inputs, settings, index: index)
            .Where(a => (query.Kind is not { } k || a.Kind == k) && (query.Severity is not { } s || a.Severity == s)));
        return new AlertList(d, alerts, CountPerMission(alerts), Count(alerts));
    }

    // The people present on the date and their visas of the receiving state, in a few reads of plain rows joined here:
    // the active assignments (staff), the active household links (family, kept when their principal's assignment is one
    // of those), then the nationalities and names and the visas of those people, the two on two connections at once.
    // No query per person.
    private async Task<(List<AlertPresence> Present, AlertIndex Index, Func<Guid, bool> IsPresent)> ReadPresentAsync(
        IQueryable<Assignment> staffQuery, IQueryable<FamilyMember> households, List<AlertMission> missions, ServingStates? serving, DateOnly d, CancellationToken ct)
    {
        var receivingOf = missions.ToDictionary(m => m.Id, m => m.ReceivingStateCode);
        var sendingOf = serving is null ? null : missions.ToDictionary(m => m.Id, m => m.SendingStateCode);
        var staff = new Dictionary<Guid, (Guid PersonId, Guid MissionId, DateOnly StartOn)>();
        await using (var rows = await RowReader.OpenAsync(db.Database,
            staffQuery.Select(a => new { a.Id, a.PersonId, a.MissionId, a.StartOn }).CreateDbCommand(), ct).ConfigureAwait(false))
        {
            int id = rows.Ordinal("Id"), person = rows.Ordinal("PersonId"), mission = rows.Ordinal("MissionId"), start = rows.Ordinal("StartOn");
            while (await rows.ReadAsync(ct).ConfigureAwait(false))
            {
                var a = (PersonId: rows.GetGuid(person), MissionId: rows.GetGuid(mission), StartOn: rows.GetDate(start));
                var assignmentId = rows.GetGuid(id);
                staff[assignmentId] = a;
                if (sendingOf is not null && sendingOf.TryGetValue(a.MissionId, out var sending)) serving!.AddStaff(a.PersonId, assignmentId, a.StartOn, sending);
            }
        }
        // Who is present where, named once their names are read.
        var slots = new List<(Guid PersonId, Guid MissionId, AlertRole Role, DateOnly? StartOn, Guid? Principal)>(staff.Count * 2);
        foreach (var a in staff.Values)
            if (receivingOf.ContainsKey(a.MissionId))
                slots.Add((a.PersonId, a.MissionId, AlertRole.Staff, a.StartOn, null));
        await using (var rows = await RowReader.OpenAsync(db.Database,
            households.Select(f => new { f.Id, f.PersonId, f.PrincipalAssignmentId, f.StartOn }).CreateDbCommand(), ct).ConfigureAwait(false))
        {
            int id = rows.Ordinal("Id"), person = rows.Ordinal("PersonId"), principal = rows.Ordinal("PrincipalAssignmentId"), start = rows.Ordinal("StartOn");
            while (await rows.ReadAsync(ct).ConfigureAwait(false))
            {
                if (!staff.TryGetValue(rows.GetGuid(principal), out var a)) continue;
                var personId = rows.GetGuid(person);
                if (receivingOf.ContainsKey(a.MissionId))
                    slots.Add((personId, a.MissionId, AlertRole.Family, null, a.PersonId));
                if (sendingOf is not null && sendingOf.TryGetValue(a.MissionId, out var sending)) serving!.AddHousehold(personId, rows.GetGuid(id), rows.GetDate(start), sending);
            }
        }

        // Each present person's receiving states (one, unless present at missions in two states).
        var statesOf = new Dictionary<Guid, PresentStates>(slots.Count);
        foreach (var p in slots)
        {
            ref var states = ref CollectionsMarshal.GetValueRefOrAddDefault(statesOf, p.PersonId, out var known);
            states = known ? states.With(receivingOf[p.MissionId]) : new PresentStates(receivingOf[p.MissionId]);
        }

        var second = new ChanceryDbContext(options);
        await using (second.ConfigureAwait(false))
        {
            var visaRead = Task.Run(() => ReadVisasAsync(second, statesOf, d, settings.ScanAbovePeople, ct), ct);
            var people = await ReadPeopleAsync(db, statesOf, settings.ScanAbovePeople, ct).ConfigureAwait(false);
            var present = new List<AlertPresence>(slots.Count);
            foreach (var p in slots)
            {
                var (nationality, name) = people.GetValueOrDefault(p.PersonId, ("", ""));
                present.Add(new AlertPresence(p.PersonId, name, nationality, p.MissionId, p.Role, p.StartOn, p.Principal));
            }
            return (present, new AlertIndex(await visaRead.ConfigureAwait(false), id => people.TryGetValue(id, out var p) ? p.Nationality : null), statesOf.ContainsKey);
        }
    }

    // The receiving states where a person is present: one, unless present at missions in two states.
    private readonly record struct PresentStates(string First, string[]? More = null)
    {
        public bool Contains(string state) => First == state || (More is not null && Array.IndexOf(More, state) >= 0);

        public PresentStates With(string state) => Contains(state) ? this : this with { More = [.. More ?? [], state] };
    }

    // The nationality and display name of each of the people.
    private static async Task<Dictionary<Guid, (string Nationality, string Name)>> ReadPeopleAsync(
        ChanceryDbContext context, Dictionary<Guid, PresentStates> people, int scanAbove, CancellationToken ct)
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
                found[personId] = (rows.GetCode(code), Names.Display(rows, family, given, familyLatin, givenLatin));
        return found;
    }

    // The current visa (VisaRules.Current) of each of the people from each state where they are present. A visa valid on
    // the date, or else the one ending last, is current: whoever has a visa ending on or after the date has their current
    // one among those. So the visas ending on or after the date are read first (in holder order, which keeps SQLite on the
    // covering index), then all the visas of the few people left without one for a state where they are present.
    private static async Task<Dictionary<(Guid, string), AlertVisa>> ReadVisasAsync(
        ChanceryDbContext context, Dictionary<Guid, PresentStates> statesOf, DateOnly d, int scanAbove, CancellationToken ct)
    {
        IQueryable<Visa> Of(List<Guid>? holders) => holders is null
            ? context.Visas.AsNoTracking()
            : context.Visas.AsNoTracking().Where(v => EF.Parameter(holders).Contains(v.HolderId));
        var current = new Dictionary<(Guid, string), AlertVisa>(statesOf.Count, AlertIndex.KeyComparer);
        await FoldVisasAsync(context, Of(statesOf.Count > scanAbove ? null : [.. statesOf.Keys]).Where(v => v.ValidUntil >= d).OrderBy(v => v.HolderId),
            statesOf, current, d, ct).ConfigureAwait(false);
        var rest = new List<Guid>();
        foreach (var (person, states) in statesOf)
            if (!current.ContainsKey((person, states.First.ToUpperInvariant()))
                || (states.More is { } more && Array.Exists(more, state => !current.ContainsKey((person, state.ToUpperInvariant())))))
                rest.Add(person);
        if (rest.Count > 0) await FoldVisasAsync(context, Of(rest), statesOf, current, d, ct).ConfigureAwait(false);
        return current;
    }

    // Folds the visas of the query into the current visa of each holder and state where the holder is present, as they
    // stream by: only one a person and state is built for the rules. The rows of one holder and state usually come
    // together (the order of the covering index); each run is folded in locals and merged once, so that most rows cost
    // no identifier parsed and no lookup. Rows in another order give the same result, merged more often.
    private static async Task FoldVisasAsync(
        ChanceryDbContext context, IQueryable<Visa> query, Dictionary<Guid, PresentStates> statesOf, Dictionary<(Guid, string), AlertVisa> current,
        DateOnly d, CancellationToken ct)
    {
        await using var rows = await RowReader.OpenAsync(context.Database,
            query.Select(v => new { v.Id, v.HolderId, v.IssuingStateCode, v.ValidFrom, v.ValidUntil, v.CancelledOn }).CreateDbCommand(), ct).ConfigureAwait(false);
        int id = rows.Ordinal("Id"), holder = rows.Ordinal("HolderId"), issuer = rows.Ordinal("IssuingStateCode"), from = rows.Ordinal("ValidFrom"),
            until = rows.Ordinal("ValidUntil"), cancelled = rows.Ordinal("CancelledOn");
        // The run being folded: its holder (and states, null when not present), its state, and its best visa so far.
        Guid holderId = default;
        PresentStates? states = null;
        string? state = null;
        (Guid Id, VisaDates Dates)? best = null;
        void Merge()
        {
            if (best is not { } run) return;
            ref var kept = ref CollectionsMarshal.GetValueRefOrAddDefault(current, (holderId, state!.ToUpperInvariant()), out var exists);
            if (!exists || VisaRules.Supersedes(run.Dates, kept!.Dates, d))
                kept = new AlertVisa(run.Id, holderId, state, run.Dates.ValidFrom, run.Dates.ValidUntil, run.Dates.CancelledOn);
            best = null;
        }
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
        {
            if (!rows.Repeats(holder))
            {
                Merge();
                holderId = rows.GetGuid(holder);
                states = statesOf.TryGetValue(holderId, out var s) ? s : null;
                state = null;
            }
            if (states is not { } present) continue;
            var issuing = rows.GetCode(issuer);
            if (!string.Equals(issuing, state, StringComparison.Ordinal))
            {
                Merge();
                state = present.Contains(issuing) ? issuing : null;
            }
            if (state is null) continue;
            var dates = new VisaDates(rows.GetDate(from), rows.GetDate(until), rows.GetDateOrNull(cancelled));
            if (best is { } b && !VisaRules.Supersedes(dates, b.Dates, d)) continue;
            best = (rows.GetGuid(id), dates);
        }
        Merge();
    }

    // The whole registry's open or granted applications, policies in force and reference decisions, on a context of its
    // own; the decisions' applicant states resolved there too unless the caller resolves them from what it reads.
    private async Task<(List<AlertApplication> Open, IReadOnlyCollection<HostPolicy> Policies, List<DecisionRow> Decisions, IReadOnlyCollection<ResolvedApplication>? Reference)> ReadOthersAsync(
        DateOnly d, bool resolve, CancellationToken ct)
    {
        var second = new ChanceryDbContext(options);
        await using (second.ConfigureAwait(false))
        {
            var open = await ReadApplicationsAsync(second, OpenApplications(second, d), ct).ConfigureAwait(false);
            var policies = await PoliciesAsync(second, d, ct).ConfigureAwait(false);
            var decisions = ReferenceQuery(second, open, d) is { } reference ? await VisaStatisticsService.ReadDecisionsAsync(second, reference, ct).ConfigureAwait(false) : [];
            var resolved = resolve ? await VisaStatisticsService.ResolveAsync(second, decisions, d, null, ct).ConfigureAwait(false) : null;
            return (open, policies, decisions, resolved);
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
    // the present people: the rules only look up the ones they need). Null when none is pending.
    private static IQueryable<VisaApplication>? ReferenceQuery(ChanceryDbContext db, IEnumerable<AlertApplication> applications, DateOnly d)
    {
        var issuers = applications.Where(a => a.DecidedOn is not { } x || x > d).Select(a => a.IssuingStateCode).Distinct().ToList();
        if (issuers.Count == 0) return null;
        var yearBefore = d.AddDays(-365);
        return db.VisaApplications.AsNoTracking().Where(x =>
            issuers.Contains(x.IssuingStateCode)
            && (x.Outcome == VisaApplicationOutcome.Granted || x.Outcome == VisaApplicationOutcome.Refused)
            && x.DecidedOn > yearBefore && x.DecidedOn <= d);
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
