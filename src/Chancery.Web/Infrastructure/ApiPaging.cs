using Chancery.Core.Common;

namespace Chancery.Web.Infrastructure;

/// <summary>Paging query parameters shared by every list endpoint: ?page=&amp;pageSize=&amp;sort=.</summary>
public readonly record struct Paging(int? Page, int? PageSize, string? Sort)
{
    /// <summary>The Core request, with defaults.</summary>
    public PageRequest ToRequest() => new(Page ?? 1, PageSize ?? 50, Sort);
}
