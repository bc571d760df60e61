using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.People;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Reciprocity;

/// <summary>
/// The world view of one state on a date: every counterpart with missions (or members) either way, sorted by the gap.
/// <see cref="Counterparts"/> is one page of <see cref="Total"/> rows; <see cref="Totals"/> sums all of them.
/// </summary>
public sealed record WorldParity(
    string State, string StateName, DateOnly AsOf, WorldParityTotals Totals,
    IReadOnlyList<WorldParityRow> Counterparts, int Total, int PageNumber, int PageSize);

/// <summary>
/// Builds the world view with three set-based GROUP BY queries (missions, members, families, each grouped by sending and
/// receiving state), whatever the number of counterparts, then the pure <see cref="WorldParityRules"/>. Counts only, within
/// the caller's scope: missions the caller may not see are not counted.
/// </summary>
public sealed class WorldParityService(ChanceryDbContext db, ScopedData data, DefaultAsOf defaultAsOf)
{
    /// <summary>
    /// The world view of <paramref name="state"/> (required, an ISO code) on <paramref name="asOf"/> (the default as-of
    /// date when null), one page of it (<paramref name="page"/>; all rows up to <see cref="PageRequest.MaxPageSize"/> when null).
    /// </summary>
    public async Task<WorldParity> GetAsync(string? state, DateOnly? asOf, PageRequest? page, CancellationToken ct)
    {
        var v = new Validator();
        var code = StateCodes.Check(v, "state", state, required: true);
        page ??= new PageRequest(1, PageRequest.MaxPageSize);
        page.Check(v);
        v.ThrowIfAny();
        var date = defaultAsOf.Resolve(asOf);

        var rows = WorldParityRules.Rows(code!, await CountsAsync(code!, date, ct).ConfigureAwait(false));
        var items = rows.Skip((page.PageNumber - 1) * page.PageSize).Take(page.PageSize).ToList();
        return new WorldParity(code!, StateCodes.NameOf(code), date, WorldParityRules.Totals(rows), items, rows.Count, page.PageNumber, page.PageSize);
    }

    /// <summary>
    /// The counts of every direction involving <paramref name="state"/> on <paramref name="date"/>. A mission counts while
    /// open (opened on or before the date, or opening unknown; not closed on or before it). A member is an assignment covering the
    /// date (StartOn ≤ d ≤ EndedOn, open-ended when not ended), private servants excluded (VCDR art. 1(h)); family are the
    /// household links covering the date of such members.
    /// </summary>
    public async Task<IReadOnlyList<DirectionCounts>> CountsAsync(string state, DateOnly date, CancellationToken ct)
    {
        var missions = data.Missions.AsNoTracking().Where(m => m.SendingStateCode == state || m.ReceivingStateCode == state);
        var open = await missions
            .Where(m => (m.OpenedOn == null || m.OpenedOn <= date) && (m.ClosedOn == null || m.ClosedOn > date))
            .GroupBy(m => new { m.SendingStateCode, m.ReceivingStateCode })
            .Select(g => new { g.Key.SendingStateCode, g.Key.ReceivingStateCode, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var members = await (
                from a in db.Assignments
                join m in missions on a.MissionId equals m.Id
                where a.StartOn <= date && (a.EndedOn == null || a.EndedOn >= date) && a.Category != StaffCategory.PrivateServant
                group a by new { m.SendingStateCode, m.ReceivingStateCode } into g
                select new
                {
                    g.Key.SendingStateCode,
                    g.Key.ReceivingStateCode,
                    Members = g.Count(),
                    Diplomatic = g.Count(a => a.Category == StaffCategory.HeadOfMission || a.Category == StaffCategory.Diplomatic),
                })
            .ToListAsync(ct).ConfigureAwait(false);
        var family = await (
                from f in db.FamilyMembers
                join a in db.Assignments on f.PrincipalAssignmentId equals a.Id
                join m in missions on a.MissionId equals m.Id
                where f.StartOn <= date && (f.EndedOn == null || f.EndedOn >= date)
                    && a.StartOn <= date && (a.EndedOn == null || a.EndedOn >= date) && a.Category != StaffCategory.PrivateServant
                group f by new { m.SendingStateCode, m.ReceivingStateCode } into g
                select new { g.Key.SendingStateCode, g.Key.ReceivingStateCode, Family = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);

        return [.. open.Select(o => new DirectionCounts(o.SendingStateCode, o.ReceivingStateCode, o.Count, 0, 0, 0))
            .Concat(members.Select(m => new DirectionCounts(m.SendingStateCode, m.ReceivingStateCode, 0, m.Members, m.Diplomatic, 0)))
            .Concat(family.Select(f => new DirectionCounts(f.SendingStateCode, f.ReceivingStateCode, 0, 0, 0, f.Family)))];
    }
}
