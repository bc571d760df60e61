using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Visas;

/// <summary>A visa as the API shows it.</summary>
public sealed record VisaDto(
    Guid Id, Guid HolderId, string HolderName, string IssuingStateCode, string CategoryCode, string? Number, DateOnly? IssuedOn,
    DateOnly ValidFrom, DateOnly ValidUntil, VisaEntries Entries, int EntriesUsed, DateOnly? CancelledOn, string? CancellationReason, int Version, Guid? ReplacesVisaId = null);

/// <summary>What a client sends to create or update a visa. <see cref="ReplacesVisaId"/> is set when the visa is recorded and kept by updates.</summary>
public sealed record VisaInput(
    Guid? HolderId, string? IssuingStateCode, string? CategoryCode, DateOnly? ValidFrom, DateOnly? ValidUntil,
    VisaEntries? Entries = null, string? Number = null, DateOnly? IssuedOn = null, int? EntriesUsed = null,
    DateOnly? CancelledOn = null, string? CancellationReason = null, int? Version = null, Guid? ReplacesVisaId = null);

/// <summary>Filters for the visa list.</summary>
public sealed record VisaQuery(Guid? HolderId = null, string? IssuingState = null, Guid? MissionId = null, DateOnly? ValidOn = null, DateOnly? ExpiresBy = null);

/// <summary>Reads and writes visas.</summary>
public sealed class VisaService(ChanceryDbContext db, ScopedData data)
{
    /// <summary>Sort keys accepted by <see cref="ListAsync"/>.</summary>
    public static readonly string[] SortKeys = ["validuntil", "validfrom", "holder"];

    /// <summary>Visas matching the filters.</summary>
    public async Task<Page<VisaDto>> ListAsync(VisaQuery filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate(SortKeys);
        var query = data.Visas.AsNoTracking();
        if (filter.HolderId is { } h) query = query.Where(v => v.HolderId == h);
        if (!string.IsNullOrWhiteSpace(filter.IssuingState)) query = query.Where(v => v.IssuingStateCode == filter.IssuingState.Trim().ToUpper());
        if (filter.MissionId is { } m)
        {
            var linked = data.PeopleLinkedTo(m);
            query = query.Where(v => linked.Contains(v.HolderId));
        }
        if (filter.ValidOn is { } d) query = query.Where(v => v.ValidFrom <= d && v.ValidUntil >= d && (v.CancelledOn == null || v.CancelledOn > d));
        if (filter.ExpiresBy is { } e) query = query.Where(v => v.ValidUntil <= e);
        query = (page.SortKey("validuntil"), page.Descending) switch
        {
            ("validfrom", false) => query.OrderBy(v => v.ValidFrom),
            ("validfrom", true) => query.OrderByDescending(v => v.ValidFrom),
            ("holder", false) => query.OrderBy(v => v.Holder!.FamilyNameLatin ?? v.Holder!.FamilyName),
            ("holder", true) => query.OrderByDescending(v => v.Holder!.FamilyNameLatin ?? v.Holder!.FamilyName),
            (_, true) => query.OrderByDescending(v => v.ValidUntil).ThenBy(v => v.Id),
            _ => query.OrderBy(v => v.ValidUntil).ThenBy(v => v.Id),
        };
        return await query.ToPageAsync(page, Project, ct).ConfigureAwait(false);
    }

    /// <summary>One visa.</summary>
    public async Task<VisaDto> GetAsync(Guid id, CancellationToken ct) =>
        await Project(data.Visas.AsNoTracking().Where(v => v.Id == id)).FirstOrDefaultAsync(ct).ConfigureAwait(false)
        ?? throw new NotFoundException("Visa", id);

    /// <summary>Records a visa; valid-until may not precede valid-from.</summary>
    public async Task<VisaDto> CreateAsync(VisaInput input, CancellationToken ct)
    {
        var visa = new Visa { IssuingStateCode = "", CategoryCode = "" };
        await ApplyAsync(visa, input, ct).ConfigureAwait(false);
        db.Visas.Add(visa);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return await GetAsync(visa.Id, ct).ConfigureAwait(false);
    }

    /// <summary>Updates a visa (e.g. records its cancellation); <see cref="VisaInput.Version"/> must be the version read.</summary>
    public async Task<VisaDto> UpdateAsync(Guid id, VisaInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var visa = await data.Visas.FirstOrDefaultAsync(v => v.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Visa", id);
        await data.EnsureCanEditPersonAsync(visa.HolderId, ct).ConfigureAwait(false);
        await ApplyAsync(visa, input, ct).ConfigureAwait(false);
        db.ExpectVersion(visa, Versions.Require(input.Version));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return await GetAsync(id, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes a visa entered by mistake (a cancelled visa should be recorded as cancelled, not deleted).</summary>
    public async Task DeleteAsync(Guid id, int? version, CancellationToken ct)
    {
        var visa = await data.Visas.FirstOrDefaultAsync(v => v.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Visa", id);
        await data.EnsureCanEditPersonAsync(visa.HolderId, ct).ConfigureAwait(false);
        if (version is { } v) db.ExpectVersion(visa, v);
        var renewals = await db.Visas.CountAsync(o => o.ReplacesVisaId == id, ct).ConfigureAwait(false);
        var applications = await db.VisaApplications.CountAsync(a => a.ResultingVisaId == id || a.ReplacesVisaId == id, ct).ConfigureAwait(false);
        if (renewals + applications > 0)
            throw new ConflictException($"The visa is linked from {renewals} renewal visa(s) and {applications} application(s); delete or relink those first.");
        db.Visas.Remove(visa);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private async Task ApplyAsync(Visa visa, VisaInput? input, CancellationToken ct)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A visa is required in the request body.").ThrowIfAny();
            return;
        }
        if (input.HolderId is null) v.Add("holderId", "holderId is required.");
        else if (!await data.People.AnyAsync(p => p.Id == input.HolderId, ct).ConfigureAwait(false))
            v.Add("holderId", $"holderId {input.HolderId} does not match any person.");
        var issuer = StateCodes.Check(v, "issuingStateCode", input.IssuingStateCode, required: true);
        var category = v.Required("categoryCode", input.CategoryCode, FieldLimits.Code);
        var number = v.Optional("number", input.Number, FieldLimits.DocumentNumber);
        if (input.ValidFrom is null) v.Add("validFrom", "validFrom is required.");
        if (input.ValidUntil is null) v.Add("validUntil", "validUntil is required.");
        v.NotBefore("validUntil", input.ValidUntil, "validFrom", input.ValidFrom);
        var entries = input.Entries ?? VisaEntries.Multiple;
        var used = input.EntriesUsed ?? 0;
        var allowed = entries switch { VisaEntries.Single => 1, VisaEntries.Double => 2, _ => int.MaxValue };
        if (used < 0 || used > allowed)
            v.Add("entriesUsed", $"entriesUsed {used} is out of range for a {entries.ToString().ToLowerInvariant()}-entry visa (0 to {(allowed == int.MaxValue ? "any" : allowed.ToString())}).");
        var reason = v.Optional("cancellationReason", input.CancellationReason, FieldLimits.Note);
        if (reason is not null && input.CancelledOn is null)
            v.Add("cancelledOn", "cancelledOn is required when a cancellationReason is given.");
        v.NotBefore("cancelledOn", input.CancelledOn, "issuedOn", input.IssuedOn);
        var creating = db.Entry(visa).State == EntityState.Detached;
        if (!creating && input.ReplacesVisaId is { } changed && changed != visa.ReplacesVisaId)
            v.Add("replacesVisaId", "replacesVisaId is history and does not change after the visa is recorded; leave it out of an update.");
        else if (!creating && visa.ReplacesVisaId is not null && input.HolderId is { } newHolder && newHolder != visa.HolderId)
            v.Add("holderId", "holderId cannot change on a visa that renews another: the renewal and the visa it replaces belong to one person.");
        else if (creating && input.ReplacesVisaId is { } replaced && input.HolderId is { } holder)
        {
            // A renewal links to the visa it replaces, which must be the same person's.
            if (!await db.Visas.AnyAsync(o => o.Id == replaced && o.HolderId == holder, ct).ConfigureAwait(false))
                v.Add("replacesVisaId", $"replacesVisaId {replaced} is not a visa of holder {holder}.");
        }
        v.ThrowIfAny();
        await data.EnsureCanEditPersonAsync(input.HolderId!.Value, ct).ConfigureAwait(false);
        if (creating) visa.ReplacesVisaId = input.ReplacesVisaId;
        visa.HolderId = input.HolderId!.Value;
        visa.IssuingStateCode = issuer!;
        visa.CategoryCode = category;
        visa.Number = number;
        visa.IssuedOn = input.IssuedOn;
        visa.ValidFrom = input.ValidFrom!.Value;
        visa.ValidUntil = input.ValidUntil!.Value;
        visa.Entries = entries;
        visa.EntriesUsed = used;
        visa.CancelledOn = input.CancelledOn;
        visa.CancellationReason = reason;
    }

    private static IQueryable<VisaDto> Project(IQueryable<Visa> query) => query.Select(v => new VisaDto(
        v.Id, v.HolderId, (v.Holder!.FamilyNameLatin ?? v.Holder.FamilyName) + ", " + (v.Holder.GivenNamesLatin ?? v.Holder.GivenNames),
        v.IssuingStateCode, v.CategoryCode, v.Number, v.IssuedOn, v.ValidFrom, v.ValidUntil, v.Entries, v.EntriesUsed,
        v.CancelledOn, v.CancellationReason, v.Version, v.ReplacesVisaId));
}
