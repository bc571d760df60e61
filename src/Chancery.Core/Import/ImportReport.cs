namespace Chancery.Core.Import;

/// <summary>What an import did, or would do, with a row.</summary>
public enum RowOutcome
{
    /// <summary>At least one record is new.</summary>
    Created,
    /// <summary>Records exist and at least one field changes.</summary>
    Updated,
    /// <summary>Everything in the row is already on record as it is.</summary>
    Unchanged,
    /// <summary>The row cannot be taken; see the reason.</summary>
    Rejected,
}

/// <summary>One row's result: a rejected row has one line per problem, naming the column.</summary>
public sealed record ImportRowResult(int Row, RowOutcome Outcome, string Record, string? Column, string? Reason);

/// <summary>
/// The result of an import or dry run. <see cref="Committed"/> is true only when the changes were written: a dry run,
/// or a run with any rejected row, writes nothing (all or nothing). <see cref="Results"/> lists rejections first (up to
/// 1,000) and then other rows (up to 500); the counts always cover the whole file.
/// </summary>
public sealed record ImportReport(
    ImportTarget Target, string Mapping, string Format, string FileSha256, bool DryRun, bool Committed,
    int Rows, int Created, int Updated, int Unchanged, int Rejected,
    IReadOnlyList<ImportRowResult> Results, bool ResultsTruncated)
{
    /// <summary>One line for a command line or a page.</summary>
    public string Summary =>
        $"{Rows} row(s): {Created} created, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected; " +
        (Committed ? (Rejected > 0 ? "written, rejected rows left out." : "written.") : DryRun ? "dry run, nothing written." : "nothing written (a rejected row stops the whole import).");
}

/// <summary>Counts rows and keeps a bounded list of results, so a report of a huge file stays small.</summary>
internal sealed class ReportBuilder
{
    private const int MaxRejections = 1000;
    private const int MaxOthers = 500;
    private readonly List<ImportRowResult> _rejections = [];
    private readonly List<ImportRowResult> _others = [];
    private bool _truncated;

    public int Rows { get; private set; }
    public int Created { get; private set; }
    public int Updated { get; private set; }
    public int Unchanged { get; private set; }
    public int Rejected { get; private set; }

    /// <summary>Whether a row added now is kept in the results (else only counted).</summary>
    public bool KeepsOthers => _others.Count < MaxOthers;

    public void Add(int row, RowOutcome outcome, string record)
    {
        Rows++;
        switch (outcome)
        {
            case RowOutcome.Created: Created++; break;
            case RowOutcome.Updated: Updated++; break;
            default: Unchanged++; break;
        }
        if (_others.Count < MaxOthers) _others.Add(new ImportRowResult(row, outcome, record, null, null));
        else _truncated = true;
    }

    public void Reject(int row, string record, IEnumerable<RowProblem> problems)
    {
        Rows++;
        Rejected++;
        foreach (var p in problems)
        {
            if (_rejections.Count < MaxRejections) _rejections.Add(new ImportRowResult(row, RowOutcome.Rejected, record, p.Column, p.Reason));
            else _truncated = true;
        }
    }

    public ImportReport Build(ImportTarget target, string mapping, string format, string sha256, bool dryRun, bool committed) =>
        new(target, mapping, format, sha256, dryRun, committed, Rows, Created, Updated, Unchanged, Rejected,
            [.. _rejections, .. _others], _truncated);
}
