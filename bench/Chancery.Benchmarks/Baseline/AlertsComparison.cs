using Chancery.Core.Visas;

namespace Chancery.Benchmarks.Baseline;

/// <summary>Rows one side has and the other lacks.</summary>
public sealed record AlertsDifference(IReadOnlyList<AlertRow> OnlyService, IReadOnlyList<AlertRow> OnlySql)
{
    /// <summary>Whether both sides returned the same rows.</summary>
    public bool Same => OnlyService.Count == 0 && OnlySql.Count == 0;

    /// <summary>Counts per kind and a few examples of each side's extra rows.</summary>
    public string Describe(int examples = 5)
    {
        if (Same) return "service and SQL baseline agree";
        var lines = new List<string>();
        foreach (var (side, rows) in new[] { ("service only", OnlyService), ("SQL only", OnlySql) })
            foreach (var g in rows.GroupBy(r => r.Kind).OrderBy(g => g.Key))
                lines.Add($"{side}: {g.Count()} {g.Key}, e.g. {string.Join("; ", g.Take(examples).Select(r => $"{r.PersonId} due {r.Due:yyyy-MM-dd} {r.Severity}"))}");
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>Compares the service's alerts with the baseline's rows as sets of (kind, person, due, severity).</summary>
public static class AlertsComparison
{
    /// <summary>The service's alerts as baseline rows.</summary>
    public static List<AlertRow> Rows(IEnumerable<Alert> alerts) => [.. alerts.Select(a => new AlertRow(a.Kind, a.PersonId, a.Due, a.Severity))];

    /// <summary>What differs (duplicates count: each row must appear as often on both sides).</summary>
    public static AlertsDifference Compare(IReadOnlyCollection<AlertRow> service, IReadOnlyCollection<AlertRow> sql)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(sql);
        return new AlertsDifference(Minus(service, sql), Minus(sql, service));
    }

    private static List<AlertRow> Minus(IEnumerable<AlertRow> left, IEnumerable<AlertRow> right)
    {
        var counts = right.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        var extra = new List<AlertRow>();
        foreach (var row in left)
        {
            if (counts.TryGetValue(row, out var n) && n > 0) counts[row] = n - 1;
            else extra.Add(row);
        }
        return extra;
    }
}
