using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Visas;

/// <summary>Filters for processing-time statistics; the window is inclusive and defaults to the 365 days ending at the default as-of date.</summary>
public sealed record VisaStatisticsQuery(string? IssuingState = null, string? ApplicantState = null, string? Category = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>Processing-time statistics over a window.</summary>
public sealed record VisaStatistics(DateOnly From, DateOnly To, IReadOnlyList<VisaStatisticsRow> Rows);

/// <summary>
/// Processing-time statistics of the applications the caller may see: one query loads the applications that were
/// decided, withdrawn or pending in the window, with the applicant's state resolved in SQL; the rules compute the rows.
/// </summary>
public sealed class VisaStatisticsService(ChanceryDbContext db, ScopedData data, DefaultAsOf defaultAsOf)
{
    /// <summary>Statistics for the query's window and filters.</summary>
    public async Task<VisaStatistics> GetAsync(VisaStatisticsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var v = new Validator();
        var issuing = StateCodes.Check(v, "issuingState", query.IssuingState, required: false);
        var applicantState = StateCodes.Check(v, "applicantState", query.ApplicantState, required: false);
        var category = v.Optional("category", query.Category, FieldLimits.Code);
        var to = query.To ?? defaultAsOf.Today();
        var from = query.From ?? to.AddDays(-364);
        if (from > to)
            v.Add("from", $"from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}; the window must start on or before its end.");
        v.ThrowIfAny();

        var applications = data.VisaApplications.AsNoTracking()
            .Where(a => a.FiledOn <= to && (a.DecidedOn == null || a.DecidedOn >= from));
        if (issuing is not null) applications = applications.Where(a => a.IssuingStateCode == issuing);
        if (category is not null) applications = applications.Where(a => a.CategoryCode == category);
        var rows = await ResolveAsync(db, applications, to, ct).ConfigureAwait(false);
        if (applicantState is not null) rows = [.. rows.Where(r => string.Equals(r.ApplicantStateCode, applicantState, StringComparison.OrdinalIgnoreCase))];
        return new VisaStatistics(from, to, VisaStatisticsRules.Compute(rows, from, to));
    }

    /// <summary>
    /// The applications with the applicant's state on <paramref name="on"/>: the sending state of the mission where the
    /// applicant serves (or, as household, where the principal serves) that day, else the applicant's nationality.
    /// </summary>
    internal static async Task<List<ResolvedApplication>> ResolveAsync(ChanceryDbContext db, IQueryable<VisaApplication> applications, DateOnly on, CancellationToken ct) =>
        await ResolveAsync(db, await ReadDecisionsAsync(db, applications, ct).ConfigureAwait(false), on, null, ct).ConfigureAwait(false);

    /// <summary>The applications' rows, before their applicant's state is resolved.</summary>
    internal static async Task<List<DecisionRow>> ReadDecisionsAsync(ChanceryDbContext db, IQueryable<VisaApplication> applications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Tens of thousands of rows for a year of a whole registry: read with typed getters rather than materialised by EF.
        var rows = new List<DecisionRow>();
        await using var reader = await RowReader.OpenAsync(db.Database, applications
            .Select(a => new { a.Id, a.ApplicantId, a.IssuingStateCode, a.CategoryCode, a.FiledOn, a.DecidedOn, a.Outcome })
            .CreateDbCommand(), ct).ConfigureAwait(false);
        int id = reader.Ordinal("Id"), applicant = reader.Ordinal("ApplicantId"), issuer = reader.Ordinal("IssuingStateCode"), category = reader.Ordinal("CategoryCode"),
            filed = reader.Ordinal("FiledOn"), decided = reader.Ordinal("DecidedOn"), outcome = reader.Ordinal("Outcome");
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            rows.Add(new(reader.GetGuid(id), reader.GetGuid(applicant), reader.GetCode(issuer), reader.GetCode(category), reader.GetDate(filed),
                reader.GetDateOrNull(decided), Enum.Parse<VisaApplicationOutcome>(reader.GetCode(outcome))));
        return rows;
    }

    /// <summary>
    /// Resolves the applicant's state of <paramref name="rows"/> on <paramref name="on"/>. <paramref name="serving"/>, when
    /// given, holds everyone who serves anywhere that day (a caller that has read them all already): the others serve
    /// nowhere, and only their nationality is read. Without it, the applicants' assignments and household links active
    /// that day are read with the applicants as one array parameter (a semi-join on the applications query would run it
    /// again for every assignment), then the nationality of those serving nowhere; all joined in memory.
    /// </summary>
    internal static async Task<List<ResolvedApplication>> ResolveAsync(
        ChanceryDbContext db, List<DecisionRow> rows, DateOnly on, ServingStates? serving, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return [];
        var applicants = rows.Select(r => r.ApplicantId).Distinct().ToList();
        if (serving is null)
        {
            serving = new ServingStates();
            await foreach (var s in db.Assignments.AsNoTracking()
                .Where(s => s.StartOn <= on && (s.EndedOn == null || s.EndedOn >= on) && EF.Parameter(applicants).Contains(s.PersonId))
                .Select(s => new { s.Id, s.PersonId, s.StartOn, s.Mission!.SendingStateCode })
                .AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
                serving.AddStaff(s.PersonId, s.Id, s.StartOn, s.SendingStateCode);
            await foreach (var f in db.FamilyMembers.AsNoTracking()
                .Where(f => f.StartOn <= on && (f.EndedOn == null || f.EndedOn >= on)
                    && f.PrincipalAssignment!.StartOn <= on && (f.PrincipalAssignment.EndedOn == null || f.PrincipalAssignment.EndedOn >= on)
                    && EF.Parameter(applicants).Contains(f.PersonId))
                .Select(f => new { f.Id, f.PersonId, f.StartOn, f.PrincipalAssignment!.Mission!.SendingStateCode })
                .AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
                serving.AddHousehold(f.PersonId, f.Id, f.StartOn, f.SendingStateCode);
        }
        var stateOf = new Dictionary<Guid, string>(applicants.Count);
        var elsewhere = new List<Guid>();
        foreach (var a in applicants)
            if (serving.StateOf(a) is { } state) stateOf[a] = state;
            else elsewhere.Add(a);
        if (elsewhere.Count > 0)
            await foreach (var p in db.People.AsNoTracking().Where(p => EF.Parameter(elsewhere).Contains(p.Id))
                .Select(p => new { p.Id, p.NationalityCode }).AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
                stateOf[p.Id] = p.NationalityCode;
        return [.. rows.Select(r => new ResolvedApplication(
            r.Id, r.IssuingStateCode, stateOf[r.ApplicantId], r.CategoryCode, r.FiledOn, r.DecidedOn, r.Outcome))];
    }
}
