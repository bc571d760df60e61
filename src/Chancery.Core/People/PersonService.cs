using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.People;

/// <summary>A person as the API shows it.</summary>
public sealed record PersonDto(
    Guid Id, string FamilyName, string GivenNames, string? FamilyNameLatin, string? GivenNamesLatin,
    DateOnly? DateOfBirth, string NationalityCode, Gender? Gender,
    string? PassportNumber, PassportType? PassportType, string? PassportIssuingStateCode, DateOnly? PassportExpiresOn,
    int Version)
{
    /// <summary>Latin name first when known, for lists.</summary>
    public string DisplayName => FamilyNameLatin is { Length: > 0 } ? $"{FamilyNameLatin}, {GivenNamesLatin}" : $"{FamilyName}, {GivenNames}";

    /// <summary>Original-script name, when it differs from the Latin one.</summary>
    public string? OriginalName => FamilyNameLatin is { Length: > 0 } && FamilyNameLatin != FamilyName ? $"{FamilyName} {GivenNames}" : null;
}

/// <summary>What a client sends to create or update a person.</summary>
public sealed record PersonInput(
    string? FamilyName, string? GivenNames, string? FamilyNameLatin = null, string? GivenNamesLatin = null,
    DateOnly? DateOfBirth = null, string? NationalityCode = null, Gender? Gender = null,
    string? PassportNumber = null, PassportType? PassportType = null, string? PassportIssuingStateCode = null, DateOnly? PassportExpiresOn = null,
    int? Version = null);

/// <summary>Filters for the people list.</summary>
public sealed record PersonQuery(string? Q = null, string? Nationality = null, Guid? MissionId = null);

/// <summary>Reads and writes people.</summary>
public sealed class PersonService(ChanceryDbContext db, ScopedData data, DefaultAsOf defaultAsOf, TimeProvider clock)
{
    /// <summary>Sort keys accepted by <see cref="ListAsync"/>.</summary>
    public static readonly string[] SortKeys = ["name", "nationality", "born"];

    /// <summary>
    /// People matching the filters. <see cref="PersonQuery.Q"/> ignores case and diacritics and matches
    /// Cyrillic names from a Latin spelling (BGN/PCGN or passport ICAO) and the other way round.
    /// </summary>
    public async Task<Page<PersonDto>> ListAsync(PersonQuery filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate(SortKeys);
        var query = data.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            foreach (var (bgn, icao) in SearchText.QueryWords(filter.Q))
                query = query.Where(p => p.SearchKey.Contains(bgn) || p.SearchKey.Contains(icao));
        }
        if (!string.IsNullOrWhiteSpace(filter.Nationality)) query = query.Where(p => p.NationalityCode == filter.Nationality.Trim().ToUpper());
        if (filter.MissionId is { } missionId)
        {
            // The mission's people found from its assignments and households (by the mission's index), then looked up:
            // written as two correlated EXISTS, PostgreSQL tests every person instead.
            var today = defaultAsOf.Today();
            var linked = db.Assignments.Where(a => a.MissionId == missionId && (a.EndedOn == null || a.EndedOn >= today)).Select(a => a.PersonId)
                .Union(db.FamilyMembers.Where(f => f.PrincipalAssignment!.MissionId == missionId && (f.EndedOn == null || f.EndedOn >= today)).Select(f => f.PersonId));
            query = query.Where(p => linked.Contains(p.Id));
        }
        query = (page.SortKey("name"), page.Descending) switch
        {
            ("nationality", false) => query.OrderBy(p => p.NationalityCode).ThenBy(p => p.FamilyNameLatin ?? p.FamilyName),
            ("nationality", true) => query.OrderByDescending(p => p.NationalityCode).ThenBy(p => p.FamilyNameLatin ?? p.FamilyName),
            ("born", false) => query.OrderBy(p => p.DateOfBirth),
            ("born", true) => query.OrderByDescending(p => p.DateOfBirth),
            (_, true) => query.OrderByDescending(p => p.FamilyNameLatin ?? p.FamilyName).ThenByDescending(p => p.GivenNamesLatin ?? p.GivenNames),
            _ => query.OrderBy(p => p.FamilyNameLatin ?? p.FamilyName).ThenBy(p => p.GivenNamesLatin ?? p.GivenNames).ThenBy(p => p.Id),
        };
        var found = await query.ToPageAsync(page, q => q.Select(ToDtoExpression), ct).ConfigureAwait(false);
        // Lists never show whole passport numbers; a single record shows them to the roles that work with them.
        return found with { Items = [.. found.Items.Select(p => p with { PassportNumber = AccessScope.Mask(p.PassportNumber) })] };
    }

    /// <summary>One person.</summary>
    public async Task<PersonDto> GetAsync(Guid id, CancellationToken ct)
    {
        var person = await data.People.AsNoTracking().Where(p => p.Id == id).Select(ToDtoExpression).FirstOrDefaultAsync(ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Person", id);
        return data.Scope.SeesPassports ? person : person with { PassportNumber = AccessScope.Mask(person.PassportNumber) };
    }

    /// <summary>Creates a person; passport numbers must be unique per issuing state.</summary>
    public async Task<PersonDto> CreateAsync(PersonInput input, CancellationToken ct)
    {
        var person = new Person { FamilyName = "", GivenNames = "", NationalityCode = "" };
        Apply(person, input, clock.Today());
        if (!data.Scope.EditsRegistry)
            throw new ForbiddenException("Your role does not allow recording people.");
        person.RegisteredByUserId = data.Scope.UserId;
        await EnsurePassportUniqueAsync(person, ct).ConfigureAwait(false);
        db.People.Add(person);
        await SaveAsync(person, ct).ConfigureAwait(false);
        return await GetAsync(person.Id, ct).ConfigureAwait(false);
    }

    /// <summary>Updates a person; <see cref="PersonInput.Version"/> must be the version read.</summary>
    public async Task<PersonDto> UpdateAsync(Guid id, PersonInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var person = await data.People.FirstOrDefaultAsync(p => p.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Person", id);
        await data.EnsureCanEditPersonAsync(id, ct).ConfigureAwait(false);
        Apply(person, input, clock.Today());
        db.ExpectVersion(person, Versions.Require(input.Version));
        await EnsurePassportUniqueAsync(person, ct).ConfigureAwait(false);
        await SaveAsync(person, ct).ConfigureAwait(false);
        return await GetAsync(id, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes a person with no assignments, household links, visas or visa applications.</summary>
    public async Task DeleteAsync(Guid id, int? version, CancellationToken ct)
    {
        var person = await data.People.FirstOrDefaultAsync(p => p.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Person", id);
        await data.EnsureCanEditPersonAsync(id, ct).ConfigureAwait(false);
        var assignments = await db.Assignments.CountAsync(a => a.PersonId == id, ct).ConfigureAwait(false);
        var family = await db.FamilyMembers.CountAsync(f => f.PersonId == id, ct).ConfigureAwait(false);
        var visas = await db.Visas.CountAsync(v => v.HolderId == id, ct).ConfigureAwait(false);
        var applications = await db.VisaApplications.CountAsync(a => a.ApplicantId == id, ct).ConfigureAwait(false);
        if (assignments + family + visas + applications > 0)
            throw new ConflictException($"The person still has {assignments} assignment(s), {family} household link(s), {visas} visa(s) and {applications} visa application(s) on record; delete those first.");
        if (version is { } v) db.ExpectVersion(person, v);
        db.People.Remove(person);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private async Task EnsurePassportUniqueAsync(Person person, CancellationToken ct)
    {
        if (person.PassportNumber is null) return;
        var taken = await db.People.AnyAsync(p => p.Id != person.Id && p.PassportIssuingStateCode == person.PassportIssuingStateCode && p.PassportNumber == person.PassportNumber, ct).ConfigureAwait(false);
        // The same answer whether the holder is in the caller's scope or not (see PersonRules.PassportOnRecord).
        if (taken)
            throw new ConflictException(PersonRules.PassportOnRecord(person.PassportNumber, person.PassportIssuingStateCode));
    }

    private async Task SaveAsync(Person person, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException ex) when (DatabaseInitializer.IsUniqueViolation(ex))
        {
            throw new ConflictException(PersonRules.PassportOnRecord(person.PassportNumber, person.PassportIssuingStateCode));
        }
    }

    private static void Apply(Person person, PersonInput? input, DateOnly today)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A person is required in the request body.").ThrowIfAny();
            return;
        }
        var family = v.RequiredName("familyName", input.FamilyName);
        var given = v.RequiredName("givenNames", input.GivenNames);
        var familyLatin = v.OptionalName("familyNameLatin", input.FamilyNameLatin);
        var givenLatin = v.OptionalName("givenNamesLatin", input.GivenNamesLatin);
        var nationality = StateCodes.Check(v, "nationalityCode", input.NationalityCode, required: true);
        var passport = PersonRules.NormalisePassport(v.Optional("passportNumber", input.PassportNumber, FieldLimits.DocumentNumber));
        if (passport is not null && PersonRules.PassportProblem("passportNumber", passport) is { } passportProblem) v.Add("passportNumber", passportProblem);
        if (PersonRules.BirthDateProblem("dateOfBirth", input.DateOfBirth, today) is { } bornProblem) v.Add("dateOfBirth", bornProblem);
        var issuer = StateCodes.Check(v, "passportIssuingStateCode", input.PassportIssuingStateCode, required: passport is not null);
        if (passport is null && (input.PassportType is not null || issuer is not null || input.PassportExpiresOn is not null))
            v.Add("passportNumber", "passportNumber is required when other passport details are given.");
        if (input.DateOfBirth is { } born && input.PassportExpiresOn is { } expires && expires < born)
            v.Add("passportExpiresOn", $"passportExpiresOn {expires:yyyy-MM-dd} is before dateOfBirth {born:yyyy-MM-dd}.");
        v.ThrowIfAny();
        person.FamilyName = family;
        person.GivenNames = given;
        person.FamilyNameLatin = familyLatin;
        person.GivenNamesLatin = givenLatin;
        person.DateOfBirth = input.DateOfBirth;
        person.NationalityCode = nationality!;
        person.Gender = input.Gender;
        person.PassportNumber = passport;
        person.PassportType = passport is null ? null : input.PassportType;
        person.PassportIssuingStateCode = issuer;
        person.PassportExpiresOn = input.PassportExpiresOn;
        person.RefreshSearchKey();
    }

    internal static readonly System.Linq.Expressions.Expression<Func<Person, PersonDto>> ToDtoExpression = p => new PersonDto(
        p.Id, p.FamilyName, p.GivenNames, p.FamilyNameLatin, p.GivenNamesLatin, p.DateOfBirth, p.NationalityCode, p.Gender,
        p.PassportNumber, p.PassportType, p.PassportIssuingStateCode, p.PassportExpiresOn, p.Version);
}
