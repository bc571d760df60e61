using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Posts;
using Chancery.Core.States;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Reciprocity;

/// <summary>
/// The parity between two states, its timeline and the mirror of a measure. Counts only, no personal data: any signed-in
/// caller reads them for any pair, whatever missions their account may open. Each view loads the pair's missions, staff,
/// households, pending orders, caps, policies, applications and measures with a few set-based queries, then calls the rules.
/// </summary>
public sealed class ParityService(ChanceryDbContext db, ScopedData data, DefaultAsOf defaultAsOf)
{
    /// <summary>The parity between <paramref name="a"/> and <paramref name="b"/> on <paramref name="asOf"/> (default as-of date), measures over <paramref name="years"/> years.</summary>
    public async Task<Parity> GetAsync(string? a, string? b, DateOnly? asOf, int? years, CancellationToken ct)
    {
        var (stateA, stateB) = CheckPair(a, b, v =>
        {
            if (years is < 1 or > ParityRules.MaxYears) v.Add("years", $"years {years} is out of range; give 1 to {ParityRules.MaxYears} (default {ParityRules.DefaultYears}).");
        });
        var date = defaultAsOf.Resolve(asOf);
        var lookBack = years ?? ParityRules.DefaultYears;
        var (aInB, bInA) = await LoadAsync(stateA, stateB, date, lookBack, ct).ConfigureAwait(false);
        return ParityRules.Compare(aInB, bInA, date, lookBack);
    }

    /// <summary>The escalation between <paramref name="a"/> and <paramref name="b"/> and both sides' headcounts from <paramref name="from"/> to <paramref name="to"/> (at most five years).</summary>
    public async Task<ParityTimeline> TimelineAsync(string? a, string? b, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var end = to ?? defaultAsOf.Today();
        var start = from ?? end.AddYears(-1);
        var (stateA, stateB) = CheckPair(a, b, v =>
        {
            v.NotBefore("to", end, "from", start);
            if (end > start.AddYears(TimelineRules.MaxYears))
                v.Add("to", $"to {end:yyyy-MM-dd} is more than {TimelineRules.MaxYears} years after from {start:yyyy-MM-dd}; ask for {TimelineRules.MaxYears} years at most (to {start.AddYears(TimelineRules.MaxYears):yyyy-MM-dd}).");
        });
        var missions = await MissionsAsync(stateA, stateB, ct).ConfigureAwait(false);
        var members = await MembersAsync(missions.Select(m => m.Id).ToList(), ct).ConfigureAwait(false);
        var measures = await MeasuresAsync(stateA, stateB, ct).ConfigureAwait(false);
        var aIds = missions.Where(m => m.SendingStateCode == stateA).Select(m => m.Id).ToHashSet();
        var aInB = members.Where(m => aIds.Contains(m.MissionId)).Select(m => m.Member).ToList();
        var bInA = members.Where(m => !aIds.Contains(m.MissionId)).Select(m => m.Member).ToList();
        return new ParityTimeline(stateA, stateB, start, end, TimelineRules.StepDays(start, end),
            TimelineRules.Chains(measures, start, end), TimelineRules.Points(aInB, bInA, start, end));
    }

    /// <summary>The mirror of measure <paramref name="measureId"/>, counted on the day it came into force. Informational: nothing is written.</summary>
    public async Task<MirrorMeasure> MirrorAsync(Guid measureId, CancellationToken ct)
    {
        EnsureSignedIn();
        var measure = await db.ReciprocalMeasures.AsNoTracking().FirstOrDefaultAsync(m => m.Id == measureId, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Reciprocal measure", measureId);
        var (actorSide, targetSide) = await LoadAsync(measure.ActingStateCode, measure.TargetStateCode, measure.InForceFrom, ParityRules.DefaultYears, ct).ConfigureAwait(false);
        return MirrorRules.Mirror(measure, ParityRules.Compare(actorSide, targetSide, measure.InForceFrom));
    }

    private (string A, string B) CheckPair(string? a, string? b, Action<Validator> more)
    {
        EnsureSignedIn();
        var v = new Validator();
        var stateA = StateCodes.Check(v, "a", a, required: true);
        var stateB = StateCodes.Check(v, "b", b, required: true);
        if (stateA is not null && stateA == stateB) v.Add("b", $"b {stateB} is the same state as a; parity is between two states.");
        more(v);
        v.ThrowIfAny();
        return (stateA!, stateB!);
    }

    private void EnsureSignedIn()
    {
        if (!data.Scope.IsSystem && data.Scope.Roles.Count == 0)
            throw new ForbiddenException("Sign in to read the parity between states.");
    }

    private sealed record PairMission(Guid Id, string SendingStateCode, ParityMission Mission);

    private sealed record PairMember(Guid MissionId, ParityMember Member);

    private async Task<(ParityFacts AInB, ParityFacts BInA)> LoadAsync(string a, string b, DateOnly date, int years, CancellationToken ct)
    {
        var missions = await MissionsAsync(a, b, ct).ConfigureAwait(false);
        var members = await MembersAsync(missions.Select(m => m.Id).ToList(), ct).ConfigureAwait(false);
        string[] pair = [a, b];
        var caps = await db.StaffingCaps.AsNoTracking()
            .Where(c => pair.Contains(c.ReceivingStateCode) && (c.SendingStateCode == null || pair.Contains(c.SendingStateCode))
                && c.InForceFrom <= date && (c.InForceUntil == null || c.InForceUntil >= date))
            .ToListAsync(ct).ConfigureAwait(false);
        var policies = await db.HostPolicies.AsNoTracking()
            .Where(p => pair.Contains(p.ReceivingStateCode) && p.InForceFrom <= date && (p.InForceUntil == null || p.InForceUntil >= date))
            .ToListAsync(ct).ConfigureAwait(false);
        var from = ParityRules.LookBackFrom(date, years);
        var applications = await VisaStatisticsService.ResolveAsync(db,
            db.VisaApplications.AsNoTracking().Where(x => pair.Contains(x.IssuingStateCode) && x.FiledOn <= date && (x.DecidedOn == null || x.DecidedOn >= from)),
            date, ct).ConfigureAwait(false);
        var measures = await MeasuresAsync(a, b, ct).ConfigureAwait(false);

        ParityFacts Direction(string sending, string receiving)
        {
            var ids = missions.Where(m => m.SendingStateCode == sending).Select(m => m.Id).ToHashSet();
            return new ParityFacts(sending, receiving, [.. missions.Where(m => ids.Contains(m.Id)).Select(m => m.Mission)],
                [.. members.Where(m => ids.Contains(m.MissionId)).Select(m => m.Member)], caps, applications, policies, measures);
        }
        return (Direction(a, b), Direction(b, a));
    }

    private async Task<List<PairMission>> MissionsAsync(string a, string b, CancellationToken ct) =>
        await db.Missions.AsNoTracking()
            .Where(m => (m.SendingStateCode == a && m.ReceivingStateCode == b) || (m.SendingStateCode == b && m.ReceivingStateCode == a))
            .Select(m => new PairMission(m.Id, m.SendingStateCode, new ParityMission(m.Id, m.Kind, m.Status, m.OpenedOn, m.ClosedOn)))
            .ToListAsync(ct).ConfigureAwait(false);

    // Staff of the missions with their households, and the issue date of the pending order naming each (three queries).
    private async Task<List<PairMember>> MembersAsync(List<Guid> missionIds, CancellationToken ct)
    {
        if (missionIds.Count == 0) return [];
        var assignments = await db.Assignments.AsNoTracking().Where(x => missionIds.Contains(x.MissionId))
            .Select(x => new { x.Id, x.PersonId, x.MissionId, x.Category, x.StartOn, x.EndedOn, x.PlannedEndOn })
            .ToListAsync(ct).ConfigureAwait(false);
        var family = (await db.FamilyMembers.AsNoTracking().Where(f => missionIds.Contains(f.PrincipalAssignment!.MissionId))
            .Select(f => new { f.PersonId, f.PrincipalAssignmentId, f.StartOn, f.EndedOn })
            .ToListAsync(ct).ConfigureAwait(false)).ToLookup(f => f.PrincipalAssignmentId);
        var pending = (await db.DepartureOrderPersons.AsNoTracking()
            // Pending now, or departed since: a person who left later was still pending on earlier dates (the departure ended
            // their assignment, so on later dates they are no longer counted at all).
            .Where(p => missionIds.Contains(p.Order!.MissionId) && p.Status != Departures.DeparturePersonStatus.Rescinded)
            .Select(p => new { p.AssignmentId, p.Order!.IssuedOn, p.Order.LeaveBy, p.FamilyLeaves })
            .ToListAsync(ct).ConfigureAwait(false))
            .GroupBy(p => p.AssignmentId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.IssuedOn).First());
        return [.. assignments.Select(x =>
        {
            var order = pending.GetValueOrDefault(x.Id);
            var staff = new StaffFacts(x.Id, x.PersonId, "", x.Category, null, x.StartOn, x.EndedOn, x.PlannedEndOn, order?.LeaveBy, null,
                [.. family[x.Id].Select(f => new FamilyFacts(f.PersonId, f.StartOn, f.EndedOn, null))], order?.FamilyLeaves ?? true);
            return new PairMember(x.MissionId, new ParityMember(staff, order?.IssuedOn));
        })];
    }

    private async Task<List<ReciprocalMeasure>> MeasuresAsync(string a, string b, CancellationToken ct) =>
        await db.ReciprocalMeasures.AsNoTracking()
            .Where(m => (m.ActingStateCode == a && m.TargetStateCode == b) || (m.ActingStateCode == b && m.TargetStateCode == a))
            .ToListAsync(ct).ConfigureAwait(false);
}
