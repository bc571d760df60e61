using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Audit;

/// <summary>An audit entry as the API shows it.</summary>
public sealed record AuditEntryDto(
    long Sequence, DateTimeOffset At, string UserName, string Action, string EntityType, string EntityId, Guid? PersonId, Guid? MissionId, string Changes);

/// <summary>Filters for the audit list.</summary>
public sealed record AuditQuery(string? EntityType = null, string? EntityId = null, Guid? PersonId = null, string? User = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>Reads and verifies the audit trail.</summary>
public sealed class AuditService(ChanceryDbContext db, AccessScope scope, AuditAnchoring anchoring)
{
    /// <summary>Entries matching the filters, newest first.</summary>
    public async Task<Page<AuditEntryDto>> ListAsync(AuditQuery filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate(["sequence"]);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.EntityType)) query = query.Where(a => a.EntityType == filter.EntityType.Trim());
        if (!string.IsNullOrWhiteSpace(filter.EntityId)) query = query.Where(a => a.EntityId == filter.EntityId.Trim());
        if (filter.PersonId is { } p) query = query.Where(a => a.PersonId == p);
        if (!string.IsNullOrWhiteSpace(filter.User)) query = query.Where(a => a.UserName == filter.User.Trim());
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At < end);
        }
        query = page.Sort == "sequence" ? query.OrderBy(a => a.Sequence) : query.OrderByDescending(a => a.Sequence);
        var total = await query.CountAsync(ct).ConfigureAwait(false);
        var rows = await query.Skip((page.PageNumber - 1) * page.PageSize).Take(page.PageSize).ToListAsync(ct).ConfigureAwait(false);
        return new([.. rows.Select(a => new AuditEntryDto(a.Sequence, a.At, a.UserName, a.Action, a.EntityType, a.EntityId, a.PersonId, a.MissionId,
            scope.SeesPassports ? a.Changes : MaskPassports(a.Changes)))], total, page.PageNumber, page.PageSize);
    }

    /// <summary>Walks the whole chain in order and checks it against its last anchor; anchors the head when intact (see <see cref="AuditAnchoring"/>).</summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken ct) => anchoring.VerifyAsync(ct);

    private static string MaskPassports(string changes)
    {
        // Passport numbers in before/after values are shown masked to roles that do not work with them.
        using var doc = System.Text.Json.JsonDocument.Parse(changes);
        if (!doc.RootElement.TryGetProperty("passportNumber", out var passport)) return changes;
        var dict = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
        dict["passportNumber"] = new
        {
            before = AccessScope.Mask(passport.TryGetProperty("before", out var b) ? b.GetString() : null),
            after = AccessScope.Mask(passport.TryGetProperty("after", out var a) ? a.GetString() : null),
        };
        return System.Text.Json.JsonSerializer.Serialize(new SortedDictionary<string, object?>(dict, StringComparer.Ordinal));
    }
}
