using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Policies;

/// <summary>A host policy as the API shows it.</summary>
public sealed record HostPolicyDto(
    Guid Id, string ReceivingStateCode, string? SendingStateCode, DateOnly InForceFrom, DateOnly? InForceUntil,
    int? MaxVisaValidityDays, int? ReapplyAfterYears, int? RenewalLeadDays, int? GraceDays, bool FamilyVisasEndWithPrincipal, string? Note, int Version,
    Guid? ReciprocalMeasureId = null);

/// <summary>What a client sends to create or update a host policy.</summary>
public sealed record HostPolicyInput(
    string? ReceivingStateCode, string? SendingStateCode, DateOnly? InForceFrom, DateOnly? InForceUntil = null,
    int? MaxVisaValidityDays = null, int? ReapplyAfterYears = null, int? RenewalLeadDays = null, int? GraceDays = null,
    bool? FamilyVisasEndWithPrincipal = null, string? Note = null, int? Version = null, Guid? ReciprocalMeasureId = null);

/// <summary>Filters for the policy list: by states, and those in force on a date.</summary>
public sealed record HostPolicyQuery(string? ReceivingState = null, string? SendingState = null, DateOnly? InForceOn = null);

/// <summary>The host policies in force on one date, loaded once, to look up the one applying to each (receiving, sending) pair.</summary>
public sealed class PoliciesInForce(IReadOnlyList<HostPolicy> policies, DateOnly date)
{
    /// <summary>The date the policies are in force on.</summary>
    public DateOnly Date => date;

    /// <summary>The policy <paramref name="receiving"/> applies to staff of <paramref name="sending"/> (see <see cref="PolicyRules.InForce"/>).</summary>
    public HostPolicy? For(string receiving, string? sending) => PolicyRules.InForce(policies, receiving, sending, date);

    /// <summary>Days after a visa's expiry in which the holder may still leave; 0 without a policy saying so.</summary>
    public int GraceDays(string receiving, string? sending) => For(receiving, sending)?.GraceDays ?? 0;
}

/// <summary>
/// Reads and writes host policies. Every signed-in caller may read them (they are the host state's published
/// rules); a protocol officer writes those of its own receiving state only.
/// </summary>
public sealed class HostPolicyService(ChanceryDbContext db, ScopedData data)
{
    /// <summary>Policies matching the filters, by receiving state, sending state and start.</summary>
    public async Task<Page<HostPolicyDto>> ListAsync(HostPolicyQuery filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate([]);
        var query = Readable.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.ReceivingState)) query = query.Where(p => p.ReceivingStateCode == filter.ReceivingState.Trim().ToUpper());
        if (!string.IsNullOrWhiteSpace(filter.SendingState)) query = query.Where(p => p.SendingStateCode == filter.SendingState.Trim().ToUpper());
        if (filter.InForceOn is { } d) query = query.Where(p => p.InForceFrom <= d && (p.InForceUntil == null || p.InForceUntil >= d));
        query = query.OrderBy(p => p.ReceivingStateCode).ThenBy(p => p.SendingStateCode).ThenBy(p => p.InForceFrom).ThenBy(p => p.Id);
        return await query.ToPageAsync(page, Project, ct).ConfigureAwait(false);
    }

    /// <summary>One policy.</summary>
    public async Task<HostPolicyDto> GetAsync(Guid id, CancellationToken ct) =>
        await Project(Readable.AsNoTracking().Where(p => p.Id == id)).FirstOrDefaultAsync(ct).ConfigureAwait(false)
        ?? throw new NotFoundException("Host policy", id);

    /// <summary>The policies in force on <paramref name="date"/> in any of <paramref name="receivingStates"/>, in one query.</summary>
    public async Task<PoliciesInForce> InForceOnAsync(IEnumerable<string> receivingStates, DateOnly date, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(receivingStates);
        var states = receivingStates.Distinct(StringComparer.Ordinal).ToList();
        var policies = states.Count == 0 ? [] : await Readable.AsNoTracking()
            .Where(p => states.Contains(p.ReceivingStateCode) && p.InForceFrom <= date && (p.InForceUntil == null || p.InForceUntil >= date))
            .ToListAsync(ct).ConfigureAwait(false);
        return new PoliciesInForce(policies, date);
    }

    /// <summary>Records a policy; its in-force range may not overlap another of the same receiving and sending state.</summary>
    public Task<HostPolicyDto> CreateAsync(HostPolicyInput input, CancellationToken ct) =>
        // The overlap check and the insert run under one transaction, serialised per pair (see ApplyAsync), so two
        // concurrent requests cannot both pass the check.
        db.InTransactionAsync(async c =>
        {
            var policy = new HostPolicy { ReceivingStateCode = "" };
            await ApplyAsync(policy, input, c).ConfigureAwait(false);
            db.HostPolicies.Add(policy);
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            return await GetAsync(policy.Id, c).ConfigureAwait(false);
        }, ct);

    /// <summary>Updates a policy; <see cref="HostPolicyInput.Version"/> must be the version read.</summary>
    public Task<HostPolicyDto> UpdateAsync(Guid id, HostPolicyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return db.InTransactionAsync(async c =>
        {
            var policy = await db.HostPolicies.FirstOrDefaultAsync(p => p.Id == id, c).ConfigureAwait(false) ?? throw new NotFoundException("Host policy", id);
            data.EnsureCanEditPolicyOf(policy.ReceivingStateCode);
            await ApplyAsync(policy, input, c).ConfigureAwait(false);
            db.ExpectVersion(policy, Versions.Require(input.Version));
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            return await GetAsync(id, c).ConfigureAwait(false);
        }, ct);
    }

    /// <summary>Deletes a policy entered by mistake (one that ended should be given its end date instead).</summary>
    public async Task DeleteAsync(Guid id, int? version, CancellationToken ct)
    {
        var policy = await db.HostPolicies.FirstOrDefaultAsync(p => p.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Host policy", id);
        data.EnsureCanEditPolicyOf(policy.ReceivingStateCode);
        if (version is { } v) db.ExpectVersion(policy, v);
        db.HostPolicies.Remove(policy);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    // Published rules: any signed-in caller reads them; an anonymous scope (no roles) sees none.
    private IQueryable<HostPolicy> Readable =>
        data.Scope.IsSystem || data.Scope.Roles.Count > 0 ? db.HostPolicies : db.HostPolicies.Where(p => false);

    private async Task ApplyAsync(HostPolicy policy, HostPolicyInput? input, CancellationToken ct)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A host policy is required in the request body.").ThrowIfAny();
            return;
        }
        var receiving = StateCodes.Check(v, "receivingStateCode", input.ReceivingStateCode, required: true);
        var sending = StateCodes.Check(v, "sendingStateCode", input.SendingStateCode, required: false);
        if (receiving is not null && receiving == sending)
            v.Add("sendingStateCode", $"sendingStateCode {sending} is the receiving state itself; give another state, or none for all.");
        if (input.InForceFrom is null) v.Add("inForceFrom", "inForceFrom is required.");
        v.NotBefore("inForceUntil", input.InForceUntil, "inForceFrom", input.InForceFrom);
        NotNegative(v, "maxVisaValidityDays", input.MaxVisaValidityDays);
        NotNegative(v, "reapplyAfterYears", input.ReapplyAfterYears);
        NotNegative(v, "renewalLeadDays", input.RenewalLeadDays);
        NotNegative(v, "graceDays", input.GraceDays);
        var note = v.Optional("note", input.Note, FieldLimits.Note);
        await Reciprocity.ReciprocityService.CheckLinkAsync(db, v, input.ReciprocalMeasureId, receiving, ct).ConfigureAwait(false);
        v.ThrowIfAny();
        data.EnsureCanEditPolicyOf(receiving!);

        await LockPairAsync(receiving!, sending, ct).ConfigureAwait(false);
        var from = input.InForceFrom!.Value;
        var until = input.InForceUntil;
        var id = policy.Id;
        var clash = await db.HostPolicies.AsNoTracking()
            .Where(p => p.Id != id && p.ReceivingStateCode == receiving && p.SendingStateCode == sending
                && (p.InForceUntil == null || p.InForceUntil >= from) && (until == null || p.InForceFrom <= until))
            .OrderBy(p => p.InForceFrom).Select(p => new { p.Id, p.InForceFrom, p.InForceUntil })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (clash is not null)
            throw new ConflictException(
                $"Host policy {clash.Id} of {receiving} for {sending ?? "all sending states"} is in force from {clash.InForceFrom:yyyy-MM-dd} " +
                $"{(clash.InForceUntil is { } u ? $"until {u:yyyy-MM-dd}" : "with no end")}, which overlaps {from:yyyy-MM-dd}–{(until is { } e ? e.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "open")}; end that policy first or change the dates.");

        policy.ReceivingStateCode = receiving!;
        policy.SendingStateCode = sending;
        policy.InForceFrom = from;
        policy.InForceUntil = until;
        policy.MaxVisaValidityDays = input.MaxVisaValidityDays;
        policy.ReapplyAfterYears = input.ReapplyAfterYears;
        policy.RenewalLeadDays = input.RenewalLeadDays;
        policy.GraceDays = input.GraceDays;
        policy.FamilyVisasEndWithPrincipal = input.FamilyVisasEndWithPrincipal ?? false;
        policy.Note = note;
        policy.ReciprocalMeasureId = input.ReciprocalMeasureId;
    }

    // Two writers may both find no overlap and both insert: a check-then-write race that no unique index can
    // catch (ranges, not values, clash). On SQLite the write gate already runs one write transaction at a time;
    // on PostgreSQL (several web instances) a transaction-scoped advisory lock keyed on the pair makes the second
    // writer wait until the first commits, so its check sees the first one's row. The two-key form keeps these
    // locks apart from the audit chain's single-key lock.
    private async Task LockPairAsync(string receiving, string? sending, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        var pair = $"host-policy:{receiving}:{sending ?? "*"}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PolicyLockClass}, hashtext({pair}))", ct).ConfigureAwait(false);
    }

    private const int PolicyLockClass = 7263549;

    private static void NotNegative(Validator v, string field, int? value)
    {
        if (value is < 0) v.Add(field, $"{field} {value} is negative; give 0 or more, or leave it out.");
    }

    private static IQueryable<HostPolicyDto> Project(IQueryable<HostPolicy> query) => query.Select(p => new HostPolicyDto(
        p.Id, p.ReceivingStateCode, p.SendingStateCode, p.InForceFrom, p.InForceUntil, p.MaxVisaValidityDays, p.ReapplyAfterYears,
        p.RenewalLeadDays, p.GraceDays, p.FamilyVisasEndWithPrincipal, p.Note, p.Version, p.ReciprocalMeasureId));
}
