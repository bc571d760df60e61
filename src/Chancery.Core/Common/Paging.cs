using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Common;

/// <summary>One page of a list, with the total the filters match.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

/// <summary>Paging and sorting asked by a client.</summary>
public sealed record PageRequest(int PageNumber = 1, int PageSize = 50, string? Sort = null)
{
    /// <summary>Largest page a client may ask for.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The last page number that can be asked for with <see cref="PageSize"/>: the rows skipped before it still fit in an int.</summary>
    public int MaxPageNumber => PageSize < 1 ? 1 : int.MaxValue / PageSize;

    /// <summary>Checks the page number and size, adding a message naming each bad one.</summary>
    public void Check(Validator v)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (PageNumber < 1) v.Add("page", $"page {PageNumber} is not valid; pages start at 1.");
        // (page - 1) * pageSize must not overflow: a page past this bound would wrap round to a negative offset, and the
        // list would answer with its first page as if that were what was asked for.
        else if (PageNumber > MaxPageNumber) v.Add("page", $"page {PageNumber} is beyond any list; with pageSize {PageSize} pages run from 1 to {MaxPageNumber}.");
        if (PageSize is < 1 or > MaxPageSize) v.Add("pageSize", $"pageSize {PageSize} is out of range; use 1 to {MaxPageSize}.");
    }

    /// <summary>Checks the numbers and the sort key against the keys a list accepts.</summary>
    public void Validate(IReadOnlyCollection<string> sortKeys)
    {
        var v = new Validator();
        Check(v);
        if (Sort is { Length: > 0 } s && !sortKeys.Contains(s.TrimStart('-'), StringComparer.OrdinalIgnoreCase))
            v.Add("sort", $"sort '{s}' is not known; use one of {string.Join(", ", sortKeys)} (prefix '-' for descending).");
        v.ThrowIfAny();
    }

    /// <summary>Whether the sort is descending ('-' prefix).</summary>
    public bool Descending => Sort?.StartsWith('-') == true;

    /// <summary>The sort key without its direction, lower case, or the default.</summary>
    public string SortKey(string fallback) => Sort is { Length: > 0 } s ? s.TrimStart('-').ToLowerInvariant() : fallback;
}

/// <summary>Reading one page of a filtered, sorted query: the total it matches, then the page's rows.</summary>
public static class PageQueries
{
    /// <summary>Counts <paramref name="query"/>, then reads the requested page through <paramref name="project"/> (applied after paging, so only that page is projected).</summary>
    public static async Task<Page<TOut>> ToPageAsync<TIn, TOut>(this IQueryable<TIn> query, PageRequest page, Func<IQueryable<TIn>, IQueryable<TOut>> project, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(project);
        var total = await query.CountAsync(ct).ConfigureAwait(false);
        var rows = await project(query.Skip((page.PageNumber - 1) * page.PageSize).Take(page.PageSize)).ToListAsync(ct).ConfigureAwait(false);
        return new(rows, total, page.PageNumber, page.PageSize);
    }
}
