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
    /// Three set-based reads (the applications, then the applicants' assignments and household links active that day),
    /// joined in memory: assignments are indexed by mission, not by person, so a lookup per application would scan them.
    /// </summary>
    internal static async Task<List<ResolvedApplication>> ResolveAsync(ChanceryDbContext db, IQueryable<VisaApplication> applications, DateOnly on, CancellationToken ct)
    {
        // Tens of thousands of rows for a year of a whole registry: read with typed getters rather than materialised by EF.
        var rows = new List<(Guid Id, Guid ApplicantId, string IssuingStateCode, string CategoryCode, DateOnly FiledOn, DateOnly? DecidedOn, VisaApplicationOutcome Outcome, string NationalityCode)>();
        await using (var reader = await RowReader.OpenAsync(db.Database, applications
            .Select(a => new { a.Id, a.ApplicantId, a.IssuingStateCode, a.CategoryCode, a.FiledOn, a.DecidedOn, a.Outcome, a.Applicant!.NationalityCode })
            .CreateDbCommand(), ct).ConfigureAwait(false))
        {
            int id = reader.Ordinal("Id"), applicant = reader.Ordinal("ApplicantId"), issuer = reader.Ordinal("IssuingStateCode"), category = reader.Ordinal("CategoryCode"),
                filed = reader.Ordinal("FiledOn"), decided = reader.Ordinal("DecidedOn"), outcome = reader.Ordinal("Outcome"), nationality = reader.Ordinal("NationalityCode");
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                rows.Add((reader.GetGuid(id), reader.GetGuid(applicant), reader.GetCode(issuer), reader.GetCode(category), reader.GetDate(filed),
                    reader.GetDateOrNull(decided), Enum.Parse<VisaApplicationOutcome>(reader.GetCode(outcome)), reader.GetCode(nationality)));
        }
        if (rows.Count == 0) return [];
        // The applicants as one array parameter: a semi-join on the applications query would run it again for every
        // assignment (tens of thousands for a registry's year).
        var applicants = rows.Select(r => r.ApplicantId).Distinct().ToList();
        var staff = await db.Assignments.AsNoTracking()
            .Where(s => s.StartOn <= on && (s.EndedOn == null || s.EndedOn >= on) && EF.Parameter(applicants).Contains(s.PersonId))
            .OrderBy(s => s.StartOn).ThenBy(s => s.Id)
            .Select(s => new { s.PersonId, s.Mission!.SendingStateCode })
            .ToListAsync(ct).ConfigureAwait(false);
        var family = await db.FamilyMembers.AsNoTracking()
            .Where(f => f.StartOn <= on && (f.EndedOn == null || f.EndedOn >= on)
                && f.PrincipalAssignment!.StartOn <= on && (f.PrincipalAssignment.EndedOn == null || f.PrincipalAssignment.EndedOn >= on)
                && EF.Parameter(applicants).Contains(f.PersonId))
            .OrderBy(f => f.StartOn).ThenBy(f => f.Id)
            .Select(f => new { f.PersonId, f.PrincipalAssignment!.Mission!.SendingStateCode })
            .ToListAsync(ct).ConfigureAwait(false);
        var stateOf = new Dictionary<Guid, string>();
        foreach (var s in staff) stateOf.TryAdd(s.PersonId, s.SendingStateCode);
        foreach (var f in family) stateOf.TryAdd(f.PersonId, f.SendingStateCode);
        return [.. rows.Select(r => new ResolvedApplication(
            r.Id, r.IssuingStateCode, stateOf.GetValueOrDefault(r.ApplicantId) ?? r.NationalityCode, r.CategoryCode, r.FiledOn, r.DecidedOn, r.Outcome))];
    }
}
