using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Policies;

/// <summary>A staffing cap as the API shows it.</summary>
public sealed record StaffingCapDto(
    Guid Id, string ReceivingStateCode, string? SendingStateCode, Guid? MissionId, string? MissionLabel, StaffCategory? Category, bool Combined,
    int Limit, DateOnly InForceFrom, DateOnly? InForceUntil, string? Note, Guid? ReciprocalMeasureId, string Description, int Version);

/// <summary>What a client sends to create or update a staffing cap.</summary>
public sealed record StaffingCapInput(
    string? ReceivingStateCode, int? Limit, DateOnly? InForceFrom, string? SendingStateCode = null, Guid? MissionId = null,
    StaffCategory? Category = null, bool? Combined = null, DateOnly? InForceUntil = null, string? Note = null, Guid? ReciprocalMeasureId = null,
    int? Version = null);

/// <summary>Filters for the cap list.</summary>
public sealed record StaffingCapQuery(string? ReceivingState = null, string? SendingState = null, Guid? MissionId = null, DateOnly? InForceOn = null);

/// <summary>A cap's count for one mission (or all together) on a date, against its limit.</summary>
public sealed record CapCountDto(
    Guid CapId, string Description, Guid? MissionId, string? MissionLabel, StaffCategory? Category, DateOnly On, int Count, int Limit, bool IsOver, DateOnly Deadline);

/// <summary>How caps are enforced when an assignment is created or extended (setting <c>Caps:Enforcement</c>).</summary>
public enum CapEnforcement
{
    /// <summary>The change is refused (409) naming the cap, its count and its limit.</summary>
    Refuse,
    /// <summary>The change is made and the breach returned as a warning.</summary>
    Warn,
}

/// <summary>The installation's cap enforcement setting.</summary>
public sealed record CapSettings(CapEnforcement Enforcement)
{
    /// <summary>The setting's name.</summary>
    public const string SettingName = "Caps:Enforcement";

    /// <summary>Reads the setting; a malformed value stops the start with a message naming the setting.</summary>
    public static CapSettings Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return new(CapEnforcement.Refuse);
        if (Enum.TryParse<CapEnforcement>(value.Trim(), ignoreCase: true, out var e) && Enum.IsDefined(e)) return new(e);
        throw new InvalidOperationException($"Setting {SettingName} is '{value}'; use Refuse or Warn.");
    }
}

/// <summary>An assignment would take a mission over a staffing cap in force.</summary>
public sealed class CapBreachException(CapCountDto breach)
    : Exception($"This would exceed a staffing cap: {breach.Description}{(breach.MissionLabel is { } m ? $" ({m})" : "")}. On {breach.On:yyyy-MM-dd} {breach.Count} already count against it, limit {breach.Limit}; end another assignment first, or ask the protocol officer about the cap.")
{
    /// <summary>The cap, its count and limit.</summary>
    public CapCountDto Breach { get; } = breach;
}

/// <summary>
/// Reads and writes staffing caps and hiring bans. Every signed-in caller may read them (published host rules), except a cap
/// narrowed to a mission the caller cannot see; a protocol officer writes those of its own receiving state only.
/// </summary>
public sealed class StaffingCapService(ChanceryDbContext db, ScopedData data, DefaultAsOf defaultAsOf)
{
    /// <summary>Caps matching the filters.</summary>
    public async Task<Page<StaffingCapDto>> ListAsync(StaffingCapQuery filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate([]);
        var query = Readable.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.ReceivingState)) query = query.Where(c => c.ReceivingStateCode == filter.ReceivingState.Trim().ToUpper());
        if (!string.IsNullOrWhiteSpace(filter.SendingState)) query = query.Where(c => c.SendingStateCode == filter.SendingState.Trim().ToUpper());
        if (filter.MissionId is { } m) query = query.Where(c => c.MissionId == m);
        if (filter.InForceOn is { } d) query = query.Where(c => c.InForceFrom <= d && (c.InForceUntil == null || c.InForceUntil >= d));
        query = query.OrderBy(c => c.ReceivingStateCode).ThenBy(c => c.SendingStateCode).ThenBy(c => c.InForceFrom).ThenBy(c => c.Id);
        var result = await query.ToPageAsync(page, q => q.Include(c => c.Mission), ct).ConfigureAwait(false);
        return new(result.Items.Select(ToDto).ToList(), result.Total, result.PageNumber, result.PageSize);
    }

    /// <summary>One cap.</summary>
    public async Task<StaffingCapDto> GetAsync(Guid id, CancellationToken ct) =>
        ToDto(await Readable.AsNoTracking().Include(c => c.Mission).FirstOrDefaultAsync(c => c.Id == id, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Staffing cap", id));

    /// <summary>Records a cap.</summary>
    public Task<StaffingCapDto> CreateAsync(StaffingCapInput input, CancellationToken ct) =>
        db.InTransactionAsync(async c =>
        {
            var cap = new StaffingCap { ReceivingStateCode = "" };
            await ApplyAsync(cap, input, c).ConfigureAwait(false);
            db.StaffingCaps.Add(cap);
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            return await GetAsync(cap.Id, c).ConfigureAwait(false);
        }, ct);

    /// <summary>Changes a cap (e.g. gives its end date); <see cref="StaffingCapInput.Version"/> must be the version read.</summary>
    public Task<StaffingCapDto> UpdateAsync(Guid id, StaffingCapInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return db.InTransactionAsync(async c =>
        {
            var cap = await Readable.FirstOrDefaultAsync(x => x.Id == id, c).ConfigureAwait(false) ?? throw new NotFoundException("Staffing cap", id);
            data.EnsureCanEditPolicyOf(cap.ReceivingStateCode);
            await ApplyAsync(cap, input, c).ConfigureAwait(false);
            db.ExpectVersion(cap, Versions.Require(input.Version));
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            return await GetAsync(id, c).ConfigureAwait(false);
        }, ct);
    }

    /// <summary>Deletes a cap entered by mistake (one that was lifted should be given its end date instead).</summary>
    public async Task DeleteAsync(Guid id, int? version, CancellationToken ct)
    {
        var cap = await Readable.FirstOrDefaultAsync(c => c.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Staffing cap", id);
        data.EnsureCanEditPolicyOf(cap.ReceivingStateCode);
        if (version is { } v) db.ExpectVersion(cap, v);
        db.StaffingCaps.Remove(cap);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Current counts against every cap in force on the date (default today), for the visible missions, optionally of one receiving state.</summary>
    public async Task<IReadOnlyList<CapCountDto>> CountsAsync(string? receivingState, DateOnly? asOf, bool breachesOnly, CancellationToken ct)
    {
        var date = defaultAsOf.Resolve(asOf);
        var capsQuery = Readable.AsNoTracking().Where(c => c.InForceFrom <= date && (c.InForceUntil == null || c.InForceUntil >= date));
        if (!string.IsNullOrWhiteSpace(receivingState)) capsQuery = capsQuery.Where(c => c.ReceivingStateCode == receivingState.Trim().ToUpper());
        var caps = await capsQuery.OrderBy(c => c.ReceivingStateCode).ThenBy(c => c.InForceFrom).ToListAsync(ct).ConfigureAwait(false);
        if (caps.Count == 0) return [];
        var receiving = caps.Select(c => c.ReceivingStateCode).Distinct().ToList();
        var missions = await data.Missions.AsNoTracking().Where(m => receiving.Contains(m.ReceivingStateCode)).ToListAsync(ct).ConfigureAwait(false);
        var ids = missions.Select(m => m.Id).ToList();
        var assignments = await LoadCountedAsync(ids, date, ct).ConfigureAwait(false);
        var counts = breachesOnly ? CapRules.Breaches(caps, missions, assignments, date) : CapRules.CountsOn(caps, missions, assignments, date);
        var labels = missions.ToDictionary(m => m.Id, Label);
        return counts.Select(c => ToCountDto(c, c.MissionId is { } id ? labels[id] : null)).ToList();
    }

    /// <summary>
    /// The cap <paramref name="candidate"/> would breach, or null; called by the assignment service before it saves, inside its transaction.
    /// </summary>
    public async Task<CapCountDto?> CheckAsync(Assignment candidate, Assignment? before, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        // Caps bind whoever records the assignment, so they are read and counted unscoped.
        var mission = await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == candidate.MissionId, ct).ConfigureAwait(false);
        if (mission is null) return null;
        var caps = await db.StaffingCaps.AsNoTracking()
            .Where(c => c.ReceivingStateCode == mission.ReceivingStateCode && (c.SendingStateCode == null || c.SendingStateCode == mission.SendingStateCode)
                && (c.MissionId == null || c.MissionId == mission.Id))
            .ToListAsync(ct).ConfigureAwait(false);
        caps = caps.Where(c => CapRules.Counts(c, candidate.Category)).ToList();
        if (caps.Count == 0) return null;
        List<Mission> missions = caps.Any(c => c.Combined)
            ? await db.Missions.AsNoTracking().Where(m => m.ReceivingStateCode == mission.ReceivingStateCode).ToListAsync(ct).ConfigureAwait(false)
            : [mission];
        var ids = missions.Select(m => m.Id).ToList();
        var from = caps.Min(c => c.InForceFrom);
        var others = await LoadCountedAsync(ids, from, ct).ConfigureAwait(false);
        var breach = CapRules.FirstBreach(caps, missions, others, candidate, before);
        return breach is null ? null : ToCountDto(breach, breach.MissionId is null ? null : Label(mission));
    }

    // Assignments at the missions still active on or after the date: all a count on that date or later can need.
    private async Task<List<Assignment>> LoadCountedAsync(List<Guid> missionIds, DateOnly from, CancellationToken ct) =>
        await db.Assignments.AsNoTracking()
            .Where(a => missionIds.Contains(a.MissionId) && (a.EndedOn == null || a.EndedOn >= from))
            .Select(a => new Assignment { Id = a.Id, MissionId = a.MissionId, PersonId = a.PersonId, Category = a.Category, Title = "", StartOn = a.StartOn, EndedOn = a.EndedOn })
            .ToListAsync(ct).ConfigureAwait(false);

    private static CapCountDto ToCountDto(CapCount c, string? missionLabel) => new(
        c.Cap.Id, CapRules.Describe(c.Cap), c.MissionId, missionLabel, c.Cap.Category, c.On, c.Count, c.Limit, c.IsOver, c.Deadline);

    private static string Label(Mission m) => $"{MissionLabels.Kind(m.Kind)} of {StateCodes.NameOf(m.SendingStateCode)} in {m.City}";

    // Published rules: any signed-in caller reads them, except one narrowed to a mission it cannot see; an anonymous scope sees none.
    private IQueryable<StaffingCap> Readable
    {
        get
        {
            if (data.Scope.IsSystem || data.Scope.SeesAllMissions) return db.StaffingCaps;
            if (data.Scope.Roles.Count == 0) return db.StaffingCaps.Where(c => false);
            var visible = data.Missions.Select(m => m.Id);
            return db.StaffingCaps.Where(c => c.MissionId == null || visible.Contains(c.MissionId.Value));
        }
    }

    private async Task ApplyAsync(StaffingCap cap, StaffingCapInput? input, CancellationToken ct)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A staffing cap is required in the request body.").ThrowIfAny();
            return;
        }
        var receiving = StateCodes.Check(v, "receivingStateCode", input.ReceivingStateCode, required: true);
        var sending = StateCodes.Check(v, "sendingStateCode", input.SendingStateCode, required: false);
        if (receiving is not null && receiving == sending)
            v.Add("sendingStateCode", $"sendingStateCode {sending} is the receiving state itself; give another state, or none for all.");
        if (input.Limit is null) v.Add("limit", "limit is required: the most persons allowed, 0 for a hiring ban.");
        else if (input.Limit < 0) v.Add("limit", $"limit {input.Limit} is negative; give 0 (a hiring ban) or more.");
        if (input.InForceFrom is null) v.Add("inForceFrom", "inForceFrom is required.");
        v.NotBefore("inForceUntil", input.InForceUntil, "inForceFrom", input.InForceFrom);
        var note = v.Optional("note", input.Note, FieldLimits.Note);
        await Reciprocity.ReciprocityService.CheckLinkAsync(db, v, input.ReciprocalMeasureId, receiving, ct).ConfigureAwait(false);
        if (input.MissionId is { } missionId)
        {
            var mission = await data.Missions.AsNoTracking().Where(m => m.Id == missionId)
                .Select(m => new { m.ReceivingStateCode, m.SendingStateCode }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (mission is null) v.Add("missionId", $"missionId {missionId} does not match any mission.");
            else
            {
                if (receiving is not null && mission.ReceivingStateCode != receiving)
                    v.Add("missionId", $"The mission is received by {mission.ReceivingStateCode}, not {receiving}; give a mission in {receiving}.");
                if (sending is not null && mission.SendingStateCode != sending)
                    v.Add("missionId", $"The mission is of {mission.SendingStateCode}, not {sending}; give a mission of {sending} or leave sendingStateCode out.");
                if (input.Combined == true) v.Add("combined", "combined applies to caps over several missions; leave it out for a cap on one mission.");
            }
        }
        v.ThrowIfAny();
        data.EnsureCanEditPolicyOf(receiving!);
        cap.ReceivingStateCode = receiving!;
        cap.SendingStateCode = sending;
        cap.MissionId = input.MissionId;
        cap.Category = input.Category;
        cap.Combined = input.Combined ?? false;
        cap.Limit = input.Limit!.Value;
        cap.InForceFrom = input.InForceFrom!.Value;
        cap.InForceUntil = input.InForceUntil;
        cap.Note = note;
        cap.ReciprocalMeasureId = input.ReciprocalMeasureId;
    }

    private static StaffingCapDto ToDto(StaffingCap c)
    {
        var label = c.Mission is { } m ? Label(m) : null;
        return new(c.Id, c.ReceivingStateCode, c.SendingStateCode, c.MissionId, label, c.Category, c.Combined, c.Limit, c.InForceFrom, c.InForceUntil,
            c.Note, c.ReciprocalMeasureId, CapRules.Describe(c, label), c.Version);
    }
}
