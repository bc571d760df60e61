using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Visas;

/// <summary>A visa application as the API shows it.</summary>
public sealed record VisaApplicationDto(
    Guid Id, Guid ApplicantId, string ApplicantName, VisaApplicationKind Kind, string CategoryCode, string IssuingStateCode,
    DateOnly FiledOn, DateOnly? DecidedOn, VisaApplicationOutcome Outcome, Guid? ResultingVisaId, Guid? ReplacesVisaId, string? Notes, int Version);

/// <summary>What a client sends to create or update a visa application.</summary>
public sealed record VisaApplicationInput(
    Guid? ApplicantId, VisaApplicationKind? Kind, string? CategoryCode, string? IssuingStateCode, DateOnly? FiledOn,
    DateOnly? DecidedOn = null, VisaApplicationOutcome? Outcome = null, Guid? ResultingVisaId = null, Guid? ReplacesVisaId = null,
    string? Notes = null, int? Version = null);

/// <summary>Filters for the application list; the filed window is inclusive.</summary>
public sealed record VisaApplicationQuery(
    Guid? ApplicantId = null, Guid? MissionId = null, VisaApplicationOutcome? Outcome = null, DateOnly? FiledFrom = null, DateOnly? FiledTo = null);

/// <summary>Reads and writes visa applications, scoped like visas: visible when the applicant is.</summary>
public sealed class VisaApplicationService(ChanceryDbContext db, ScopedData data)
{
    /// <summary>Sort keys accepted by <see cref="ListAsync"/>.</summary>
    public static readonly string[] SortKeys = ["filedon", "decidedon", "applicant"];

    /// <summary>Applications matching the filters, oldest filed first by default.</summary>
    public async Task<Page<VisaApplicationDto>> ListAsync(VisaApplicationQuery filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate(SortKeys);
        var v = new Validator();
        v.NotBefore("filedTo", filter.FiledTo, "filedFrom", filter.FiledFrom);
        v.ThrowIfAny();
        var query = data.VisaApplications.AsNoTracking();
        if (filter.ApplicantId is { } p) query = query.Where(a => a.ApplicantId == p);
        if (filter.MissionId is { } m)
        {
            var linked = data.PeopleLinkedTo(m);
            query = query.Where(a => linked.Contains(a.ApplicantId));
        }
        if (filter.Outcome is { } o) query = query.Where(a => a.Outcome == o);
        if (filter.FiledFrom is { } from) query = query.Where(a => a.FiledOn >= from);
        if (filter.FiledTo is { } to) query = query.Where(a => a.FiledOn <= to);
        query = (page.SortKey("filedon"), page.Descending) switch
        {
            ("decidedon", false) => query.OrderBy(a => a.DecidedOn).ThenBy(a => a.Id),
            ("decidedon", true) => query.OrderByDescending(a => a.DecidedOn).ThenBy(a => a.Id),
            ("applicant", false) => query.OrderBy(a => a.Applicant!.FamilyNameLatin ?? a.Applicant!.FamilyName).ThenBy(a => a.Id),
            ("applicant", true) => query.OrderByDescending(a => a.Applicant!.FamilyNameLatin ?? a.Applicant!.FamilyName).ThenBy(a => a.Id),
            (_, true) => query.OrderByDescending(a => a.FiledOn).ThenBy(a => a.Id),
            _ => query.OrderBy(a => a.FiledOn).ThenBy(a => a.Id),
        };
        return await query.ToPageAsync(page, Project, ct).ConfigureAwait(false);
    }

    /// <summary>One application.</summary>
    public async Task<VisaApplicationDto> GetAsync(Guid id, CancellationToken ct) =>
        await Project(data.VisaApplications.AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(ct).ConfigureAwait(false)
        ?? throw new NotFoundException("Visa application", id);

    /// <summary>Records an application.</summary>
    public async Task<VisaApplicationDto> CreateAsync(VisaApplicationInput input, CancellationToken ct)
    {
        var application = new VisaApplication { CategoryCode = "", IssuingStateCode = "" };
        await ApplyAsync(application, input, ct).ConfigureAwait(false);
        db.VisaApplications.Add(application);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return await GetAsync(application.Id, ct).ConfigureAwait(false);
    }

    /// <summary>Updates an application (e.g. records its decision); <see cref="VisaApplicationInput.Version"/> must be the version read.</summary>
    public async Task<VisaApplicationDto> UpdateAsync(Guid id, VisaApplicationInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var application = await data.VisaApplications.FirstOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Visa application", id);
        await data.EnsureCanEditPersonAsync(application.ApplicantId, ct).ConfigureAwait(false);
        await ApplyAsync(application, input, ct).ConfigureAwait(false);
        db.ExpectVersion(application, Versions.Require(input.Version));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return await GetAsync(id, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes an application entered by mistake (a withdrawn one should be recorded as withdrawn).</summary>
    public async Task DeleteAsync(Guid id, int? version, CancellationToken ct)
    {
        var application = await data.VisaApplications.FirstOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Visa application", id);
        await data.EnsureCanEditPersonAsync(application.ApplicantId, ct).ConfigureAwait(false);
        if (version is { } v) db.ExpectVersion(application, v);
        db.VisaApplications.Remove(application);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private async Task ApplyAsync(VisaApplication application, VisaApplicationInput? input, CancellationToken ct)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A visa application is required in the request body.").ThrowIfAny();
            return;
        }
        var applicant = input.ApplicantId;
        if (applicant is null) v.Add("applicantId", "applicantId is required.");
        else if (!await data.People.AnyAsync(p => p.Id == applicant, ct).ConfigureAwait(false))
            v.Add("applicantId", $"applicantId {applicant} does not match any person.");
        if (input.Kind is null) v.Add("kind", "kind is required: New, Renewal or Extension.");
        var category = v.Required("categoryCode", input.CategoryCode, FieldLimits.Code);
        var issuer = StateCodes.Check(v, "issuingStateCode", input.IssuingStateCode, required: true);
        if (input.FiledOn is null) v.Add("filedOn", "filedOn is required.");
        v.NotBefore("decidedOn", input.DecidedOn, "filedOn", input.FiledOn);
        var outcome = input.Outcome ?? VisaApplicationOutcome.Pending;
        if (outcome == VisaApplicationOutcome.Pending && input.DecidedOn is not null)
            v.Add("decidedOn", "decidedOn must be empty while the outcome is Pending; set the outcome (Granted, Refused, Withdrawn) with it.");
        if (outcome != VisaApplicationOutcome.Pending && input.DecidedOn is null)
            v.Add("decidedOn", $"decidedOn is required when the outcome is {outcome}.");
        if (input.ResultingVisaId is { } resulting)
        {
            if (outcome != VisaApplicationOutcome.Granted)
                v.Add("resultingVisaId", $"resultingVisaId is only for a Granted application; this one is {outcome}.");
            else if (applicant is { } a && !await db.Visas.AnyAsync(x => x.Id == resulting && x.HolderId == a, ct).ConfigureAwait(false))
                v.Add("resultingVisaId", $"resultingVisaId {resulting} is not a visa of applicant {a}.");
        }
        if (input.ReplacesVisaId is { } replaced && applicant is { } holder
            && !await db.Visas.AnyAsync(x => x.Id == replaced && x.HolderId == holder, ct).ConfigureAwait(false))
            v.Add("replacesVisaId", $"replacesVisaId {replaced} is not a visa of applicant {holder}.");
        var notes = v.Optional("notes", input.Notes, FieldLimits.Note);
        v.ThrowIfAny();
        await data.EnsureCanEditPersonAsync(applicant!.Value, ct).ConfigureAwait(false);
        application.ApplicantId = applicant.Value;
        application.Kind = input.Kind!.Value;
        application.CategoryCode = category;
        application.IssuingStateCode = issuer!;
        application.FiledOn = input.FiledOn!.Value;
        application.DecidedOn = input.DecidedOn;
        application.Outcome = outcome;
        application.ResultingVisaId = input.ResultingVisaId;
        application.ReplacesVisaId = input.ReplacesVisaId;
        application.Notes = notes;
    }

    private static IQueryable<VisaApplicationDto> Project(IQueryable<VisaApplication> query) => query.Select(a => new VisaApplicationDto(
        a.Id, a.ApplicantId, (a.Applicant!.FamilyNameLatin ?? a.Applicant.FamilyName) + ", " + (a.Applicant.GivenNamesLatin ?? a.Applicant.GivenNames),
        a.Kind, a.CategoryCode, a.IssuingStateCode, a.FiledOn, a.DecidedOn, a.Outcome, a.ResultingVisaId, a.ReplacesVisaId, a.Notes, a.Version));
}
