using Chancery.Core.Common;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.States;

/// <summary>A state as the API shows it.</summary>
public sealed record StateDto(string Code, string Alpha3, string Numeric, string Name, string OfficialName, string? NameFr, string? NameRu);

/// <summary>Reads the ISO state list.</summary>
public sealed class StateService(ChanceryDbContext db)
{
    /// <summary>Sort keys accepted by <see cref="ListAsync"/>.</summary>
    public static readonly string[] SortKeys = ["code", "name"];

    /// <summary>States whose code or name contains <paramref name="q"/>.</summary>
    public async Task<Page<StateDto>> ListAsync(string? q, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Validate(SortKeys);
        var query = db.States.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLower();
            query = query.Where(s => s.Code.ToLower() == term || s.Alpha3.ToLower() == term || s.Name.ToLower().Contains(term) || s.OfficialName.ToLower().Contains(term));
        }
        query = (page.SortKey("code"), page.Descending) switch
        {
            ("name", false) => query.OrderBy(s => s.Name),
            ("name", true) => query.OrderByDescending(s => s.Name),
            (_, true) => query.OrderByDescending(s => s.Code),
            _ => query.OrderBy(s => s.Code),
        };
        return await query.ToPageAsync(page, q => q.Select(s => new StateDto(s.Code, s.Alpha3, s.Numeric, s.Name, s.OfficialName, s.NameFr, s.NameRu)), ct).ConfigureAwait(false);
    }

    /// <summary>One state by alpha-2 code.</summary>
    public async Task<StateDto> GetAsync(string code, CancellationToken ct)
    {
        var c = (code ?? "").Trim().ToUpperInvariant();
        return await db.States.AsNoTracking().Where(s => s.Code == c)
            .Select(s => new StateDto(s.Code, s.Alpha3, s.Numeric, s.Name, s.OfficialName, s.NameFr, s.NameRu))
            .FirstOrDefaultAsync(ct).ConfigureAwait(false) ?? throw new NotFoundException("State", c);
    }
}

/// <summary>Validation of state codes against the shipped ISO list (no database round trip).</summary>
public static class StateCodes
{
    private static readonly Lazy<Dictionary<string, State>> ByCode = new(() => StateCatalog.All.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase));

    /// <summary>Name of a state, or the code itself when unknown.</summary>
    public static string NameOf(string? code) => code is not null && ByCode.Value.TryGetValue(code, out var s) ? s.Name : code ?? "";

    /// <summary>Whether the code is an ISO 3166-1 alpha-2 code on the list.</summary>
    public static bool IsKnown(string? code) => code is not null && ByCode.Value.ContainsKey(code.Trim());

    /// <summary>Checks an input code; returns it upper-cased, or null when absent and optional.</summary>
    public static string? Check(Validator v, string field, string? code, bool required)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (string.IsNullOrWhiteSpace(code))
        {
            if (required) v.Add(field, $"{field} is required: an ISO 3166-1 alpha-2 code such as FR.");
            return null;
        }
        var c = code.Trim().ToUpperInvariant();
        if (!ByCode.Value.ContainsKey(c))
            v.Add(field, $"{field} '{code}' is not an ISO 3166-1 alpha-2 code; use a code such as FR or US (see /api/v1/states).");
        return c;
    }
}
