using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.People;

/// <summary>A visa on a person's page, with its state on the page's date.</summary>
public sealed record PersonVisa(VisaDto Visa, VisaStatus Status);

/// <summary>Everything on a person's page: identity, assignments, household links and visas.</summary>
public sealed record PersonProfile(
    PersonDto Person, DateOnly AsOf, IReadOnlyList<AssignmentDto> Assignments,
    IReadOnlyList<FamilyMemberDto> Household, IReadOnlyList<FamilyMemberDto> MemberOf, IReadOnlyList<PersonVisa> Visas);

/// <summary>Builds a person's page in a handful of queries.</summary>
public sealed class PersonProfileService(ChanceryDbContext db, PersonService people, AssignmentService assignments, FamilyService family, VisaService visas, DefaultAsOf defaultAsOf)
{
    /// <summary>The profile of <paramref name="personId"/> as of <paramref name="asOf"/> (today by default).</summary>
    public async Task<PersonProfile> GetAsync(Guid personId, DateOnly? asOf, CancellationToken ct)
    {
        var date = defaultAsOf.Resolve(asOf);
        var person = await people.GetAsync(personId, ct).ConfigureAwait(false);
        var all = new PageRequest(1, PageRequest.MaxPageSize);
        var personAssignments = await assignments.ListAsync(new AssignmentQuery(PersonId: personId), all with { Sort = "-start" }, ct).ConfigureAwait(false);
        var links = await family.ListAsync(new FamilyQuery(PersonId: personId), all, ct).ConfigureAwait(false);
        var personVisas = await visas.ListAsync(new VisaQuery(HolderId: personId), all with { Sort = "-validuntil" }, ct).ConfigureAwait(false);
        var entities = await db.Visas.AsNoTracking().Where(v => v.HolderId == personId).ToDictionaryAsync(v => v.Id, ct).ConfigureAwait(false);
        return new PersonProfile(
            person, date, personAssignments.Items,
            [.. links.Items.Where(l => l.PrincipalPersonId == personId)],
            [.. links.Items.Where(l => l.PersonId == personId)],
            [.. personVisas.Items.Select(v => new PersonVisa(v, VisaRules.StatusOn(entities[v.Id], date)))]);
    }
}
