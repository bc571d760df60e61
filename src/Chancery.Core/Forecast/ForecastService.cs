using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.Posts;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Forecast;

/// <summary>
/// A mission's forecast: the baseline and, when a scenario was asked for, the scenario's forecast beside it, both from the
/// same data, days, runs and seed.
/// </summary>
public sealed record MissionForecast(
    MissionDto Mission, DateOnly From, DateOnly To, int Runs, ulong Seed, IReadOnlyList<StaffingMinimumDto> Minimums,
    ForecastResult Baseline, ForecastScenario? Scenario, string? ScenarioDescription, ForecastResult? ScenarioResult);

/// <summary>
/// Loads one mission's data into the forecast engine's input with a few set-based queries (its staff facts as the
/// headcount reads them, the pending renewals of its staff and households, its nominees with pending visas, the issuing
/// state's decisions of the <see cref="HistoryYears"/> years before the start day, its minimum staffing) and runs the
/// engine. Visible with the mission (404 otherwise).
/// </summary>
public sealed class ForecastService(ChanceryDbContext db, ScopedData data, MissionStaffLoader loader, DefaultAsOf defaultAsOf)
{
    /// <summary>Years of decisions before the start day from which processing times and refusal rates are drawn.</summary>
    public const int HistoryYears = 3;

    /// <summary>
    /// The forecast of <paramref name="missionId"/>. <paramref name="progress"/> receives the runs done so far over the
    /// baseline and the scenario together (twice the runs when there is a scenario).
    /// </summary>
    public async Task<MissionForecast> RunAsync(Guid missionId, ForecastRequest request, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A run is a computation of up to seconds of CPU for planning staff, not a record: the roles that plan run it, an
        // auditor (who only reads records and the audit trail) does not.
        if (data.Scope.ReadsOnly)
            throw new ForbiddenException("Your role only reads records; staffing forecasts are run by administrators, protocol officers and mission administrators.");
        var from = defaultAsOf.Resolve(request.From);
        var options = new ForecastOptions(from, request.Days ?? ForecastOptions.DefaultDays, request.Runs ?? ForecastOptions.DefaultRuns,
            request.Seed ?? ForecastOptions.DefaultSeed, Math.Max(1, Environment.ProcessorCount));
        // Stopping before the start day is stopping on it: every decision still to come falls on or after it.
        var scenario = request.Scenario is { StopIssuingFrom: { } stop } s && stop < from ? s with { StopIssuingFrom = from } : request.Scenario;
        Validate(options, scenario);

        var (mission, input, minimums) = await LoadAsync(missionId, from, ct).ConfigureAwait(false);
        var baseline = ForecastEngine.Run(input, options, null, progress, ct);
        ForecastResult? result = null;
        if (scenario is not null)
        {
            var offset = progress is null ? null : new Progress(progress, options.Runs);
            result = ForecastEngine.Run(input, options, scenario, offset, ct);
        }
        return new MissionForecast(mission, options.From, options.To, options.Runs, options.Seed, minimums, baseline,
            scenario, scenario is null ? null : ForecastRequestText.Describe(scenario), result);
    }

    // The engine's checks, under the names the query, the form and the command line use (processingFactor, not factor).
    private static void Validate(ForecastOptions options, ForecastScenario? scenario)
    {
        var v = new Validator();
        ForecastEngine.Validate(options, scenario, v);
        try
        {
            v.ThrowIfAny();
        }
        catch (ValidationFailedException ex)
        {
            throw new ValidationFailedException(ex.Errors.ToDictionary(e => e.Key == "factor" ? "processingFactor" : e.Key, e => e.Value, StringComparer.Ordinal));
        }
    }

    /// <summary>The engine's input for <paramref name="missionId"/> on <paramref name="from"/>; not found (404) when the caller may not see it.</summary>
    public async Task<(MissionDto Mission, ForecastInput Input, IReadOnlyList<StaffingMinimumDto> Minimums)> LoadAsync(Guid missionId, DateOnly from, CancellationToken ct)
    {
        var staff = await loader.LoadAsync(missionId, ct).ConfigureAwait(false);
        var mission = staff.Mission;
        var receiving = mission.ReceivingStateCode;
        var policies = await db.HostPolicies.AsNoTracking().Where(p => p.ReceivingStateCode == receiving).ToListAsync(ct).ConfigureAwait(false);
        var renewals = await PendingRenewalsAsync(mission, staff, policies, ct).ConfigureAwait(false);
        var nominations = await PendingNominationsAsync(mission, staff, from, ct).ConfigureAwait(false);

        // The same decisions the processing-time statistics read (VisaStatisticsService), over the years before the start day.
        var since = from.AddYears(-HistoryYears);
        var decided = data.VisaApplications.AsNoTracking().Where(a => a.IssuingStateCode == receiving
            && (a.Outcome == VisaApplicationOutcome.Granted || a.Outcome == VisaApplicationOutcome.Refused)
            && a.DecidedOn != null && a.DecidedOn > since && a.DecidedOn <= from);
        var history = await VisaStatisticsService.ResolveAsync(db, decided, from, ct).ConfigureAwait(false);

        var minimums = await StaffingMinimumService.ForMissionAsync(db, missionId, ct).ConfigureAwait(false);
        var input = new ForecastInput(staff.Staff, staff.Arrivals(), renewals, nominations, history, minimums.ToDictionary(m => m.Category, m => m.Minimum));
        return (mission, input, minimums);
    }

    /// <summary>
    /// Renewals and extensions still undecided of the mission's staff and households, asked of the receiving state. If
    /// granted, the new visa is taken to run the host's maximum validity from the day after the one it extends, plus
    /// grace; with no maximum in the host's policy, past the forecast.
    /// </summary>
    private async Task<List<PendingRenewal>> PendingRenewalsAsync(MissionDto mission, MissionStaff staff, List<HostPolicy> policies, CancellationToken ct)
    {
        var linked = data.PeopleLinkedTo(mission.Id);
        var receiving = mission.ReceivingStateCode;
        var pending = await db.VisaApplications.AsNoTracking()
            .Where(a => a.IssuingStateCode == receiving && a.Outcome == VisaApplicationOutcome.Pending && a.DecidedOn == null
                && (a.Kind == VisaApplicationKind.Renewal || a.Kind == VisaApplicationKind.Extension) && linked.Contains(a.ApplicantId))
            .Select(a => new
            {
                a.Id,
                a.ApplicantId,
                a.CategoryCode,
                a.FiledOn,
                Extends = db.Visas.Where(x => x.Id == a.ReplacesVisaId).Select(x => (DateOnly?)x.ValidUntil).FirstOrDefault(),
            })
            .ToListAsync(ct).ConfigureAwait(false);
        var people = staff.Staff.Select(s => s.PersonId).Concat(staff.Staff.SelectMany(s => s.Family.Select(f => f.PersonId))).ToHashSet();
        return [.. pending.Where(a => people.Contains(a.ApplicantId)).OrderBy(a => a.FiledOn).ThenBy(a => a.Id).Select(a =>
        {
            DateOnly? ifGranted = null;
            var start = (a.Extends ?? a.FiledOn).AddDays(1);
            if (PolicyRules.InForce(policies, receiving, mission.SendingStateCode, start) is { MaxVisaValidityDays: { } maxDays } policy)
            {
                var until = start.AddDays(maxDays - 1);
                ifGranted = until.AddDays((PolicyRules.InForce(policies, receiving, mission.SendingStateCode, until)?.GraceDays ?? policy.GraceDays ?? 0) + 1);
            }
            return new PendingRenewal(a.Id, a.ApplicantId, new VisaRequest(receiving, mission.SendingStateCode, a.CategoryCode, a.FiledOn), a.Extends, ifGranted);
        })];
    }

    /// <summary>
    /// Nominees not yet assigned whose visa is undecided: with a pending application, drawn from its filing day; with none
    /// filed yet, taken as filed on the start day (or the nomination day, if later) for the category most often asked by
    /// the mission's staff of that staff category (none known: any category of the sending state, by the fallback).
    /// </summary>
    private async Task<List<PendingNomination>> PendingNominationsAsync(MissionDto mission, MissionStaff staff, DateOnly from, CancellationToken ct)
    {
        var category = staff.Posts.ToDictionary(p => p.Id, p => p.Category);
        var open = staff.Nominations.Where(n => n.Recorded is NominationStatus.Proposed or NominationStatus.VisaPending
                && !staff.AssignedPeople.Contains(n.NomineeId)
                && (n.Application is null || n.Application is { Outcome: VisaApplicationOutcome.Pending, DecidedOn: null }))
            .ToList();
        if (open.Count == 0) return [];
        var applicationIds = open.Where(n => n.Application is not null).Select(n => n.Application!.Id).ToList();
        var codes = await db.VisaApplications.AsNoTracking().Where(a => applicationIds.Contains(a.Id))
            .Select(a => new { a.Id, a.CategoryCode }).ToDictionaryAsync(a => a.Id, a => a.CategoryCode, ct).ConfigureAwait(false);
        var usual = await UsualCategoryCodesAsync(mission, ct).ConfigureAwait(false);
        var receiving = mission.ReceivingStateCode;
        return [.. open.OrderBy(n => n.NominatedOn).ThenBy(n => n.Id).Select(n =>
        {
            var staffCategory = category[n.PostId];
            var request = n.Application is { } app
                ? new VisaRequest(receiving, mission.SendingStateCode, codes[app.Id], app.FiledOn)
                : new VisaRequest(receiving, mission.SendingStateCode, usual.GetValueOrDefault(staffCategory, ""), n.NominatedOn > from ? n.NominatedOn : from);
            return new PendingNomination(n.Id, n.NomineeId, staffCategory, request, n.ExpectedArrivalOn);
        })];
    }

    // The visa category each staff category of the mission most often asks of the receiving state (ties: the smaller code).
    private async Task<Dictionary<StaffCategory, string>> UsualCategoryCodesAsync(MissionDto mission, CancellationToken ct)
    {
        var receiving = mission.ReceivingStateCode;
        var rows = await db.VisaApplications.AsNoTracking()
            .Where(a => a.IssuingStateCode == receiving)
            .Join(db.Assignments.Where(s => s.MissionId == mission.Id), a => a.ApplicantId, s => s.PersonId, (a, s) => new { s.Category, a.CategoryCode })
            .GroupBy(x => new { x.Category, x.CategoryCode })
            .Select(g => new { g.Key.Category, g.Key.CategoryCode, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows.GroupBy(r => r.Category)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Count).ThenBy(r => r.CategoryCode, StringComparer.Ordinal).First().CategoryCode);
    }

    // Reports the scenario's runs after the baseline's.
    private sealed class Progress(IProgress<int> inner, int offset) : IProgress<int>
    {
        public void Report(int value) => inner.Report(offset + value);
    }
}
