using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.People;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Reciprocity;

/// <summary>A reciprocal measure as the API shows it, with the measures that answer it.</summary>
public sealed record ReciprocalMeasureDto(
    Guid Id, string ActingStateCode, string TargetStateCode, ReciprocalMeasureKind Kind, DateOnly AnnouncedOn, DateOnly InForceFrom, DateOnly? EndedOn,
    int? Magnitude, int? NoticeDays, StaffCategory? Category, string? Source, Guid? InResponseToId, MeasureRef? InResponseTo,
    IReadOnlyList<MeasureRef> Responses, string Description, int Version);

/// <summary>Another measure, by id and in words.</summary>
public sealed record MeasureRef(Guid Id, DateOnly AnnouncedOn, string Description);

/// <summary>What a client sends to record or change a measure; <c>inForceFrom</c> defaults to the day announced.</summary>
public sealed record ReciprocalMeasureInput(
    string? ActingStateCode, string? TargetStateCode, ReciprocalMeasureKind? Kind, DateOnly? AnnouncedOn, DateOnly? InForceFrom = null,
    DateOnly? EndedOn = null, int? Magnitude = null, int? NoticeDays = null, StaffCategory? Category = null, string? Source = null,
    Guid? InResponseToId = null, int? Version = null);

/// <summary>Filters for the ledger: a pair of states (either direction), or one state (acting or target), the acting or target state, a kind.</summary>
public sealed record ReciprocalMeasureQuery(
    string? StateA = null, string? StateB = null, string? ActingState = null, string? TargetState = null, ReciprocalMeasureKind? Kind = null, string? State = null);

/// <summary>A record that implements a measure: a departure order, a staffing cap or a host policy.</summary>
public sealed record MeasureLink(string Kind, Guid Id, string Label);

/// <summary>
/// The reciprocity ledger. Every signed-in caller reads it (measures are acts of states, with no personal data); protocol
/// officers record the measures their state takes or suffers, administrators any.
/// </summary>
public sealed class ReciprocityService(ChanceryDbContext db, ScopedData data)
{
    /// <summary>Measures matching the filters, newest announcement first.</summary>
    public async Task<Page<ReciprocalMeasureDto>> ListAsync(ReciprocalMeasureQuery filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate([]);
        var v = new Validator();
        var a = StateCodes.Check(v, "a", filter.StateA, required: false);
        var b = StateCodes.Check(v, "b", filter.StateB, required: false);
        var acting = StateCodes.Check(v, "actingState", filter.ActingState, required: false);
        var target = StateCodes.Check(v, "targetState", filter.TargetState, required: false);
        var state = StateCodes.Check(v, "state", filter.State, required: false);
        if ((a is null) != (b is null)) v.Add(a is null ? "a" : "b", "a and b go together: give both states of the pair, or neither.");
        v.ThrowIfAny();
        var query = Readable.AsNoTracking();
        if (a is not null && b is not null)
            query = query.Where(m => (m.ActingStateCode == a && m.TargetStateCode == b) || (m.ActingStateCode == b && m.TargetStateCode == a));
        if (state is not null) query = query.Where(m => m.ActingStateCode == state || m.TargetStateCode == state);
        if (acting is not null) query = query.Where(m => m.ActingStateCode == acting);
        if (target is not null) query = query.Where(m => m.TargetStateCode == target);
        if (filter.Kind is { } kind) query = query.Where(m => m.Kind == kind);
        query = query.OrderByDescending(m => m.AnnouncedOn).ThenByDescending(m => m.Id);
        var result = await query.ToPageAsync(page, q => q, ct).ConfigureAwait(false);
        var dtos = await ToDtosAsync(result.Items, ct).ConfigureAwait(false);
        return new(dtos, result.Total, result.PageNumber, result.PageSize);
    }

    /// <summary>One measure.</summary>
    public async Task<ReciprocalMeasureDto> GetAsync(Guid id, CancellationToken ct)
    {
        var measure = await Readable.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Reciprocal measure", id);
        return (await ToDtosAsync([measure], ct).ConfigureAwait(false))[0];
    }

    /// <summary>The departure orders, staffing caps and host policies that implement the measure.</summary>
    public async Task<IReadOnlyList<MeasureLink>> LinksAsync(Guid id, CancellationToken ct)
    {
        _ = await GetAsync(id, ct).ConfigureAwait(false);
        var orders = await db.DepartureOrders.AsNoTracking().Where(o => o.ReciprocalMeasureId == id)
            .Select(o => new { o.Id, o.Kind, o.IssuedOn, o.LeaveBy, Count = o.Persons.Count, o.Mission!.City })
            .ToListAsync(ct).ConfigureAwait(false);
        var caps = await db.StaffingCaps.AsNoTracking().Where(c => c.ReciprocalMeasureId == id).ToListAsync(ct).ConfigureAwait(false);
        var policies = await db.HostPolicies.AsNoTracking().Where(p => p.ReciprocalMeasureId == id).ToListAsync(ct).ConfigureAwait(false);
        return [
            .. orders.OrderBy(o => o.IssuedOn).Select(o => new MeasureLink("DepartureOrder", o.Id,
                $"Departure order ({o.Kind}) to the mission in {o.City}, issued {o.IssuedOn:yyyy-MM-dd}, leave by {o.LeaveBy:yyyy-MM-dd}: {ReciprocityRules.Count(o.Count, "person", "persons")}")),
            .. caps.OrderBy(c => c.InForceFrom).Select(c => new MeasureLink("StaffingCap", c.Id, $"Staffing cap from {c.InForceFrom:yyyy-MM-dd}: {Policies.CapRules.Describe(c)}")),
            .. policies.OrderBy(p => p.InForceFrom).Select(p => new MeasureLink("HostPolicy", p.Id,
                $"Host policy of {StateCodes.NameOf(p.ReceivingStateCode)} for {(p.SendingStateCode is { } s ? StateCodes.NameOf(s) : "all sending states")} from {p.InForceFrom:yyyy-MM-dd}" +
                (p.ReapplyAfterYears is { } y ? $": reapply after {y} years" : ""))),
        ];
    }

    /// <summary>Records a measure.</summary>
    public Task<ReciprocalMeasureDto> CreateAsync(ReciprocalMeasureInput input, CancellationToken ct) =>
        db.InTransactionAsync(async c =>
        {
            var measure = new ReciprocalMeasure { ActingStateCode = "", TargetStateCode = "" };
            await ApplyAsync(measure, input, c).ConfigureAwait(false);
            db.ReciprocalMeasures.Add(measure);
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            return await GetAsync(measure.Id, c).ConfigureAwait(false);
        }, ct);

    /// <summary>Changes a measure (e.g. gives the day it ended); <see cref="ReciprocalMeasureInput.Version"/> must be the version read.</summary>
    public Task<ReciprocalMeasureDto> UpdateAsync(Guid id, ReciprocalMeasureInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return db.InTransactionAsync(async c =>
        {
            var measure = await Readable.FirstOrDefaultAsync(m => m.Id == id, c).ConfigureAwait(false) ?? throw new NotFoundException("Reciprocal measure", id);
            EnsureCanEdit(measure.ActingStateCode, measure.TargetStateCode);
            await ApplyAsync(measure, input, c).ConfigureAwait(false);
            db.ExpectVersion(measure, Versions.Require(input.Version));
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            return await GetAsync(id, c).ConfigureAwait(false);
        }, ct);
    }

    /// <summary>Deletes a measure entered by mistake; one that others answer or records implement is kept (409).</summary>
    public Task DeleteAsync(Guid id, int? version, CancellationToken ct) =>
        db.InTransactionAsync(async c =>
        {
            var measure = await Readable.FirstOrDefaultAsync(m => m.Id == id, c).ConfigureAwait(false) ?? throw new NotFoundException("Reciprocal measure", id);
            EnsureCanEdit(measure.ActingStateCode, measure.TargetStateCode);
            var responses = await db.ReciprocalMeasures.CountAsync(m => m.InResponseToId == id, c).ConfigureAwait(false);
            var links = await LinksAsync(id, c).ConfigureAwait(false);
            if (responses > 0 || links.Count > 0)
                throw new ConflictException($"This measure is still referred to: {ReciprocityRules.Count(responses, "response", "responses")}" +
                    $"{string.Concat(links.Select(l => $"; {l.Label}"))}. Unlink those first, or give the measure the day it ended instead.");
            if (version is { } v) db.ExpectVersion(measure, v);
            db.ReciprocalMeasures.Remove(measure);
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>
    /// Checks a link from a departure order, staffing cap or host policy to a measure: it must exist, and it must be a measure
    /// of <paramref name="actingState"/> (the state whose record it is) when that is known.
    /// </summary>
    public static async Task CheckLinkAsync(ChanceryDbContext db, Validator v, Guid? measureId, string? actingState, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(v);
        if (measureId is not { } id) return;
        var measure = await db.ReciprocalMeasures.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.ActingStateCode }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (measure is null)
            v.Add("reciprocalMeasureId", $"reciprocalMeasureId {id} does not match any reciprocal measure; see /api/v1/reciprocity/measures, or leave it out.");
        else if (actingState is not null && !string.Equals(measure.ActingStateCode, actingState, StringComparison.OrdinalIgnoreCase))
            v.Add("reciprocalMeasureId", $"reciprocalMeasureId {id} is a measure of {measure.ActingStateCode}, not of {actingState}, whose record this is; link a measure {actingState} took.");
    }

    // Acts of states: any signed-in caller reads them; an anonymous scope sees none.
    private IQueryable<ReciprocalMeasure> Readable =>
        data.Scope.IsSystem || data.Scope.Roles.Count > 0 ? db.ReciprocalMeasures : db.ReciprocalMeasures.Where(m => false);

    private void EnsureCanEdit(string acting, string target)
    {
        var scope = data.Scope;
        if (scope.IsSystem || scope.Roles.Contains(Roles.Administrator)) return;
        if (scope.Roles.Contains(Roles.ProtocolOfficer) && scope.ProtocolStateCode is { } s && (s == acting || s == target)) return;
        throw new ForbiddenException(scope.Roles.Contains(Roles.ProtocolOfficer) && scope.ProtocolStateCode is { } own
            ? $"You record the measures {StateNames.Subject(own)} takes or suffers; this one is between {acting} and {target}."
            : "Your role does not allow recording or changing reciprocal measures.");
    }

    private async Task ApplyAsync(ReciprocalMeasure measure, ReciprocalMeasureInput? input, CancellationToken ct)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A reciprocal measure is required in the request body.").ThrowIfAny();
            return;
        }
        var acting = StateCodes.Check(v, "actingStateCode", input.ActingStateCode, required: true);
        var target = StateCodes.Check(v, "targetStateCode", input.TargetStateCode, required: true);
        if (acting is not null && acting == target)
            v.Add("targetStateCode", $"targetStateCode {target} is the acting state itself; a measure is taken against another state.");
        if (input.Kind is null) v.Add("kind", $"kind is required: one of {string.Join(", ", Enum.GetNames<ReciprocalMeasureKind>())}.");
        if (input.AnnouncedOn is null) v.Add("announcedOn", "announcedOn is required: the day the measure was announced, as YYYY-MM-DD.");
        var inForce = input.InForceFrom ?? input.AnnouncedOn;
        v.NotBefore("inForceFrom", input.InForceFrom, "announcedOn", input.AnnouncedOn);
        v.NotBefore("endedOn", input.EndedOn, "inForceFrom", inForce);
        if (input.Kind is { } kind) CheckMagnitude(v, kind, input);
        var source = v.Optional("source", input.Source, FieldLimits.Note);
        if (input.InResponseToId is { } earlierId && acting is not null && target is not null)
            await CheckResponseAsync(v, measure.Id, earlierId, acting, target, input.AnnouncedOn, ct).ConfigureAwait(false);
        v.ThrowIfAny();
        EnsureCanEdit(acting!, target!);

        measure.ActingStateCode = acting!;
        measure.TargetStateCode = target!;
        measure.Kind = input.Kind!.Value;
        measure.AnnouncedOn = input.AnnouncedOn!.Value;
        measure.InForceFrom = inForce!.Value;
        measure.EndedOn = input.EndedOn;
        measure.Magnitude = input.Magnitude;
        measure.NoticeDays = input.NoticeDays;
        measure.Category = input.Category;
        measure.Source = source;
        measure.InResponseToId = input.InResponseToId;
    }

    private static void CheckMagnitude(Validator v, ReciprocalMeasureKind kind, ReciprocalMeasureInput input)
    {
        var label = ReciprocityRules.KindLabel(kind);
        var unit = ReciprocityRules.UnitOf(kind);
        if (input.Magnitude is < 0)
            v.Add("magnitude", $"magnitude {input.Magnitude} is negative; give 0 or more ({unit.ToString().ToLowerInvariant()}).");
        else if (unit == MagnitudeUnit.None && input.Magnitude is not null)
            v.Add("magnitude", $"magnitude is not used for a {label}; leave it out.");
        else if (ReciprocityRules.MagnitudeRequired(kind) && input.Magnitude is null)
            v.Add("magnitude", $"magnitude is required for a {label}: the {unit switch { MagnitudeUnit.Persons => "number of persons", MagnitudeUnit.Cap => "cap (most persons allowed)", MagnitudeUnit.Years => "years in post", _ => "days" }}.");
        else if (kind is ReciprocalMeasureKind.Expulsion or ReciprocalMeasureKind.VisaValidityLimit or ReciprocalMeasureKind.VisaReapplicationRule && input.Magnitude is 0)
            v.Add("magnitude", $"magnitude 0 means no {label}; give 1 or more.");
        if (input.NoticeDays is not null && kind != ReciprocalMeasureKind.TravelNotificationRule)
            v.Add("noticeDays", $"noticeDays is used for a travel-notification rule only; leave it out for a {label}.");
        else if (input.NoticeDays is < 0)
            v.Add("noticeDays", $"noticeDays {input.NoticeDays} is negative; give 0 or more.");
        if (kind == ReciprocalMeasureKind.CategoryCap && input.Category is null)
            v.Add("category", $"category is required for a cap on a staff category: one of {string.Join(", ", Enum.GetNames<StaffCategory>())}.");
        else if (kind != ReciprocalMeasureKind.CategoryCap && input.Category is not null)
            v.Add("category", $"category is used for a cap on a staff category only; leave it out for a {label}.");
    }

    // A response answers an earlier (or same-day) measure between the same two states, never itself nor, through a chain, its own response.
    private async Task CheckResponseAsync(Validator v, Guid selfId, Guid earlierId, string acting, string target, DateOnly? announcedOn, CancellationToken ct)
    {
        if (earlierId == selfId)
        {
            v.Add("inResponseToId", "inResponseToId is this measure itself; a measure answers an earlier one.");
            return;
        }
        var pair = await db.ReciprocalMeasures.AsNoTracking()
            .Where(m => (m.ActingStateCode == acting && m.TargetStateCode == target) || (m.ActingStateCode == target && m.TargetStateCode == acting))
            .Select(m => new { m.Id, m.InResponseToId, m.AnnouncedOn }).ToListAsync(ct).ConfigureAwait(false);
        var earlier = pair.FirstOrDefault(m => m.Id == earlierId);
        if (earlier is null)
        {
            var exists = await db.ReciprocalMeasures.AnyAsync(m => m.Id == earlierId, ct).ConfigureAwait(false);
            v.Add("inResponseToId", exists
                ? $"inResponseToId {earlierId} is a measure between other states; a response answers a measure between {acting} and {target}."
                : $"inResponseToId {earlierId} does not match any reciprocal measure.");
            return;
        }
        if (announcedOn is { } day && earlier.AnnouncedOn > day)
            v.Add("inResponseToId", $"inResponseToId answers a measure announced on {earlier.AnnouncedOn:yyyy-MM-dd}, after this one ({day:yyyy-MM-dd}); a response cannot come before what it answers.");
        var parents = pair.ToDictionary(m => m.Id, m => m.InResponseToId);
        var visited = new HashSet<Guid>();
        for (var at = (Guid?)earlierId; at is { } step && visited.Add(step); at = parents.GetValueOrDefault(step))
        {
            if (step == selfId)
            {
                v.Add("inResponseToId", "inResponseToId answers a measure that itself answers this one; responses cannot go round in a circle.");
                return;
            }
        }
    }

    private async Task<List<ReciprocalMeasureDto>> ToDtosAsync(IReadOnlyList<ReciprocalMeasure> measures, CancellationToken ct)
    {
        // Two reads for the whole page: the measures answering these, and the ones these answer.
        var ids = measures.Select(m => m.Id).ToList();
        var earlierIds = measures.Where(m => m.InResponseToId is not null).Select(m => m.InResponseToId!.Value).Distinct().ToList();
        var responses = (await db.ReciprocalMeasures.AsNoTracking().Where(m => m.InResponseToId != null && ids.Contains(m.InResponseToId.Value))
            .OrderBy(m => m.AnnouncedOn).ThenBy(m => m.Id).ToListAsync(ct).ConfigureAwait(false)).ToLookup(r => r.InResponseToId!.Value, Ref);
        var earlier = earlierIds.Count == 0 ? new Dictionary<Guid, MeasureRef>() : await db.ReciprocalMeasures.AsNoTracking().Where(m => earlierIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, Ref, ct).ConfigureAwait(false);
        return [.. measures.Select(m => new ReciprocalMeasureDto(
            m.Id, m.ActingStateCode, m.TargetStateCode, m.Kind, m.AnnouncedOn, m.InForceFrom, m.EndedOn, m.Magnitude, m.NoticeDays, m.Category,
            m.Source, m.InResponseToId, m.InResponseToId is { } e ? earlier.GetValueOrDefault(e) : null, [.. responses[m.Id]],
            StateNames.Capitalised(ReciprocityRules.Describe(m)), m.Version))];
    }

    private static MeasureRef Ref(ReciprocalMeasure m) => new(m.Id, m.AnnouncedOn, StateNames.Capitalised(ReciprocityRules.Describe(m)));
}
