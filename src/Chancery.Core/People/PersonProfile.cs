using Chancery.Core.Common;
using Chancery.Core.Visas;

namespace Chancery.Core.People;

/// <summary>
/// A visa on a person's page, with its state on the page's date (counting the host policy's grace period) and,
/// when the policy gives one, the last day of grace after expiry.
/// </summary>
public sealed record PersonVisa(VisaDto Visa, VisaStatus Status, DateOnly? GraceUntil = null);

/// <summary>Everything on a person's page: identity, assignments, household links, visas and the visa timeline.</summary>
public sealed record PersonProfile(
    PersonDto Person, DateOnly AsOf, IReadOnlyList<AssignmentDto> Assignments,
    IReadOnlyList<FamilyMemberDto> Household, IReadOnlyList<FamilyMemberDto> MemberOf, IReadOnlyList<PersonVisa> Visas, VisaTimeline Timeline);

/// <summary>Builds a person's page in a handful of queries.</summary>
public sealed class PersonProfileService(PersonService people, AssignmentService assignments, FamilyService family, VisaService visas, VisaTimelineService timelines, DefaultAsOf defaultAsOf)
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
        var timeline = await timelines.GetAsync(personId, date, ct).ConfigureAwait(false);
        // The timeline has every visa's state with the host policy's grace period: one computation for both.
        var states = timeline.Entries.Where(e => e.Visa is not null).ToDictionary(e => e.Visa!.Id, e => e.Visa!);
        return new PersonProfile(
            person, date, personAssignments.Items,
            [.. links.Items.Where(l => l.PrincipalPersonId == personId)],
            [.. links.Items.Where(l => l.PersonId == personId)],
            [.. personVisas.Items.Select(v => new PersonVisa(v, states[v.Id].Status, states[v.Id].GraceUntil))],
            timeline);
    }
}
