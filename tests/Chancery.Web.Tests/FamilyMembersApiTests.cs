using System.Net;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.People;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class FamilyMembersApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/family-members";

    [Theory, MemberData(nameof(Providers))]
    public async Task CreatedHouseholdLinkNamesThePrincipal(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, principal, assignment) = await Create.Posting(client);
        var spouse = await Create.Person(client);

        var response = await client.PostJson(Url, A.FamilyMember(spouse.Id, assignment.Id));
        var created = await response.Read<FamilyMemberDto>(HttpStatusCode.Created);

        Assert.Equal($"{Url}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((spouse.DisplayName, principal.Id, principal.DisplayName, mission.Id, Relationship.Spouse),
            (created.PersonName, created.PrincipalPersonId, created.PrincipalName, created.MissionId, created.Relationship));
        Assert.Equal(created, await client.Get<FamilyMemberDto>($"{Url}/{created.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ListFiltersByMissionAssignmentAndPerson(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, principal, assignment) = await Create.Posting(client);
        var spouse = await Create.FamilyMember(client, A.FamilyMember((await Create.Person(client)).Id, assignment.Id));
        var child = await Create.FamilyMember(client, A.FamilyMember((await Create.Person(client)).Id, assignment.Id) with { Relationship = Relationship.Child, StartOn = new DateOnly(2020, 2, 1) });

        Assert.Equal([spouse.Id, child.Id], (await client.Get<Page<FamilyMemberDto>>($"{Url}?missionId={mission.Id}")).Items.Select(f => f.Id));
        Assert.Equal([child.Id, spouse.Id], (await client.Get<Page<FamilyMemberDto>>($"{Url}?principalAssignmentId={assignment.Id}&sort=-start")).Items.Select(f => f.Id));
        Assert.Equal(2, (await client.Get<Page<FamilyMemberDto>>($"{Url}?personId={principal.Id}")).Total);
        Assert.Equal(child.Id, Assert.Single((await client.Get<Page<FamilyMemberDto>>($"{Url}?personId={child.PersonId}")).Items).Id);
        var page = await client.Get<Page<FamilyMemberDto>>($"{Url}?missionId={mission.Id}&sort=relationship&pageSize=1&page=2");
        Assert.Equal((2, child.Id), (page.Total, Assert.Single(page.Items).Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UpdateEndsTheLinkAndStaleUpdateIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, _, assignment) = await Create.Posting(client);
        var member = await Create.FamilyMember(client, A.FamilyMember((await Create.Person(client)).Id, assignment.Id));

        var ended = await (await client.PutJson($"{Url}/{member.Id}", A.FamilyMember(member.PersonId, assignment.Id) with { EndedOn = new DateOnly(2021, 7, 1), Version = member.Version }))
            .Read<FamilyMemberDto>();
        Assert.Equal((new DateOnly(2021, 7, 1), 2), (ended.EndedOn, ended.Version));

        await (await client.PutJson($"{Url}/{member.Id}", A.FamilyMember(member.PersonId, assignment.Id) with { Relationship = Relationship.Other, Version = member.Version }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal(ended, await client.Get<FamilyMemberDto>($"{Url}/{member.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SamePersonTwiceInAHouseholdIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, _, assignment) = await Create.Posting(client);
        var member = await Create.FamilyMember(client, A.FamilyMember((await Create.Person(client)).Id, assignment.Id));

        await (await client.PostJson(Url, A.FamilyMember(member.PersonId, assignment.Id) with { Relationship = Relationship.Other })).ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Equal(1, await client.Count($"{Url}?principalAssignmentId={assignment.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DeleteRemovesTheLinkButKeepsThePerson(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, _, assignment) = await Create.Posting(client);
        var member = await Create.FamilyMember(client, A.FamilyMember((await Create.Person(client)).Id, assignment.Id));

        await (await client.DeleteAsync($"{Url}/{member.Id}?version={member.Version}")).ShouldHaveStatus(HttpStatusCode.NoContent);

        await (await client.GetAsync($"{Url}/{member.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/people/{member.PersonId}")).ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UnknownIdIsNotFound(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, person, assignment) = await Create.Posting(client);

        await client.ShouldNotFind(Url, A.FamilyMember(person.Id, assignment.Id) with { Version = 1 });
    }

    public static TheoryData<DatabaseProvider, string, string, string> BadMembers() => OnEachProvider(
        ("""{"personId":"{principal}","principalAssignmentId":"{assignment}","relationship":"Spouse","startOn":"2020-01-01"}""", "personId", "cannot be a member of their own household"),
        ("""{"personId":"{person}","principalAssignmentId":"00000000-0000-0000-0000-000000000001","relationship":"Spouse","startOn":"2020-01-01"}""", "principalAssignmentId", "does not match any assignment"),
        ("""{"personId":"{person}","principalAssignmentId":"{assignment}","relationship":"Cousin","startOn":"2020-01-01"}""", "relationship", "'Cousin' is not a known value; use one of Spouse, Child, Other"),
        ("""{"personId":"{person}","principalAssignmentId":"{assignment}","relationship":"Child","startOn":"2020-02-30"}""", "startOn", "'2020-02-30' is not a date"),
        ("""{"personId":"{person}","principalAssignmentId":"{assignment}","relationship":"Child","startOn":"2020-01-01","endedOn":"2019-01-01"}""", "endedOn", "before startOn"),
        ("""{"personId":"{person}","principalAssignmentId":"{assignment}","startOn":"2020-01-01"}""", "relationship", "relationship is required"));

    [Theory, MemberData(nameof(BadMembers))]
    public async Task BadHouseholdLinkIsRefusedNamingTheFieldAndNothingIsWritten(DatabaseProvider provider, string template, string field, string reason)
    {
        var client = Fixture.Client(provider);
        var (_, principal, assignment) = await Create.Posting(client);
        var person = await Create.Person(client);
        var json = template.Replace("{principal}", principal.Id.ToString(), StringComparison.Ordinal).Replace("{person}", person.Id.ToString(), StringComparison.Ordinal)
            .Replace("{assignment}", assignment.Id.ToString(), StringComparison.Ordinal);

        await client.ShouldRefuseToCreate(Url, json, field, reason);
    }
}
