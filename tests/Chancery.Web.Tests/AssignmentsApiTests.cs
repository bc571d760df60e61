using System.Net;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.People;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class AssignmentsApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/assignments";

    [Theory, MemberData(nameof(Providers))]
    public async Task CreatedAssignmentNamesThePersonAndTheMission(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var person = await Create.Person(client);

        var response = await client.PostJson(Url, A.Assignment(person.Id, mission.Id));
        var created = await response.Read<AssignmentDto>(HttpStatusCode.Created);

        Assert.Equal($"{Url}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(person.DisplayName, created.PersonName);
        Assert.Equal($"Embassy of Russia in {mission.City}", created.MissionLabel);
        Assert.Equal((StaffCategory.Diplomatic, new DateOnly(2019, 9, 1), 1), (created.Category, created.StartOn, created.Version));
        Assert.Equal(created, await client.Get<AssignmentDto>($"{Url}/{created.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ListFiltersByMissionPersonCategoryAndDate(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, current) = await Create.Posting(client);
        var driver = await Create.Person(client);
        var earlier = await Create.Assignment(client, A.Assignment(driver.Id, mission.Id) with
        {
            Category = StaffCategory.Service,
            Title = "Driver",
            StartOn = new DateOnly(2015, 1, 10),
            EndedOn = new DateOnly(2018, 6, 30),
            EndReason = EndReason.EndOfTour,
        });

        var atMission = await client.Get<Page<AssignmentDto>>($"{Url}?missionId={mission.Id}");
        Assert.Equal([earlier.Id, current.Id], atMission.Items.Select(a => a.Id));
        var newestFirst = await client.Get<Page<AssignmentDto>>($"{Url}?missionId={mission.Id}&sort=-start&pageSize=1&page=2");
        Assert.Equal((2, earlier.Id), (newestFirst.Total, Assert.Single(newestFirst.Items).Id));
        Assert.Equal(current.Id, Assert.Single((await client.Get<Page<AssignmentDto>>($"{Url}?personId={person.Id}")).Items).Id);
        Assert.Equal(earlier.Id, Assert.Single((await client.Get<Page<AssignmentDto>>($"{Url}?missionId={mission.Id}&category=Service")).Items).Id);
        Assert.Equal(earlier.Id, Assert.Single((await client.Get<Page<AssignmentDto>>($"{Url}?missionId={mission.Id}&activeOn=2018-06-30")).Items).Id);
        Assert.Equal(current.Id, Assert.Single((await client.Get<Page<AssignmentDto>>($"{Url}?missionId={mission.Id}&activeOn=2021-08-15")).Items).Id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SortByCategoryPutsTheHeadOfMissionFirst(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var byCategory = new Dictionary<StaffCategory, Guid>();
        foreach (var category in new[] { StaffCategory.Service, StaffCategory.AdministrativeTechnical, StaffCategory.HeadOfMission, StaffCategory.Diplomatic })
            byCategory[category] = (await Create.Assignment(client, A.Assignment((await Create.Person(client)).Id, mission.Id) with { Category = category })).Id;

        var ascending = await client.Get<Page<AssignmentDto>>($"{Url}?missionId={mission.Id}&sort=category");
        var descending = await client.Get<Page<AssignmentDto>>($"{Url}?missionId={mission.Id}&sort=-category");

        StaffCategory[] rank = [StaffCategory.HeadOfMission, StaffCategory.Diplomatic, StaffCategory.AdministrativeTechnical, StaffCategory.Service];
        Assert.Equal(rank, ascending.Items.Select(a => a.Category));
        Assert.Equal(rank.Reverse(), descending.Items.Select(a => a.Category));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SecondOpenAssignmentAtTheSameMissionIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, _) = await Create.Posting(client);
        var before = await client.Count($"{Url}?personId={person.Id}");

        var problem = await (await client.PostJson(Url, A.Assignment(person.Id, mission.Id) with { Title = "Counsellor" })).ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Contains("already has an open assignment at this mission", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await client.Count($"{Url}?personId={person.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task EndedAssignmentLetsThePersonBeAssignedAgain(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, first) = await Create.Posting(client);
        var ended = await (await client.PutJson($"{Url}/{first.Id}", A.Assignment(person.Id, mission.Id) with
        {
            EndedOn = new DateOnly(2021, 9, 3),
            EndReason = EndReason.AskedToLeave,
            Version = first.Version,
        })).Read<AssignmentDto>();
        Assert.Equal((new DateOnly(2021, 9, 3), EndReason.AskedToLeave, 2), (ended.EndedOn, ended.EndReason, ended.Version));

        var again = await Create.Assignment(client, A.Assignment(person.Id, mission.Id) with { StartOn = new DateOnly(2022, 1, 10) });

        Assert.Equal(2, await client.Count($"{Url}?personId={person.Id}"));
        Assert.Null(again.EndedOn);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task StaleUpdateIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, assignment) = await Create.Posting(client);
        await (await client.PutJson($"{Url}/{assignment.Id}", A.Assignment(person.Id, mission.Id) with { Title = "Counsellor", Version = assignment.Version }))
            .ShouldHaveStatus(HttpStatusCode.OK);

        await (await client.PutJson($"{Url}/{assignment.Id}", A.Assignment(person.Id, mission.Id) with { Title = "Minister-Counsellor", Version = assignment.Version }))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Equal("Counsellor", (await client.Get<AssignmentDto>($"{Url}/{assignment.Id}")).Title);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DeleteRemovesTheAssignment(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, _, assignment) = await Create.Posting(client);

        await (await client.DeleteAsync($"{Url}/{assignment.Id}?version={assignment.Version}")).ShouldHaveStatus(HttpStatusCode.NoContent);

        await (await client.GetAsync($"{Url}/{assignment.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DeletingAnAssignmentWithAHouseholdIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, _, assignment) = await Create.Posting(client);
        var child = await Create.Person(client);
        await Create.FamilyMember(client, A.FamilyMember(child.Id, assignment.Id) with { Relationship = Relationship.Child });

        await (await client.DeleteAsync($"{Url}/{assignment.Id}")).ShouldBeProblem(HttpStatusCode.Conflict);

        await (await client.GetAsync($"{Url}/{assignment.Id}")).ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UnknownIdIsNotFound(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, _) = await Create.Posting(client);

        await client.ShouldNotFind(Url, A.Assignment(person.Id, mission.Id) with { Version = 1 });
    }

    public static TheoryData<DatabaseProvider, string, string, string> BadAssignments() => OnEachProvider(
        ("""{"personId":"00000000-0000-0000-0000-000000000001","missionId":"{mission}","category":"Diplomatic","title":"Attaché","startOn":"2020-01-01"}""", "personId", "does not match any person"),
        ("""{"personId":"{person}","missionId":"00000000-0000-0000-0000-000000000001","category":"Diplomatic","title":"Attaché","startOn":"2020-01-01"}""", "missionId", "does not match any mission"),
        ("""{"personId":"{person}","missionId":"{mission}","category":"Spy","title":"Attaché","startOn":"2020-01-01"}""", "category", "'Spy' is not a known value"),
        ("""{"personId":"{person}","missionId":"{mission}","category":"Diplomatic","title":"Attaché","startOn":"2021-02-30"}""", "startOn", "'2021-02-30' is not a date"),
        ("""{"personId":"{person}","missionId":"{mission}","category":"Diplomatic","title":"Attaché"}""", "startOn", "startOn is required"),
        ("""{"personId":"{person}","missionId":"{mission}","category":"Diplomatic","title":"{long}","startOn":"2020-01-01"}""", "title", "the limit is 100"),
        ("""{"personId":"{person}","missionId":"{mission}","category":"Diplomatic","title":"Attaché","startOn":"2020-01-01","endedOn":"2019-12-31","endReason":"Recalled"}""", "endedOn", "before startOn"),
        ("""{"personId":"{person}","missionId":"{mission}","category":"Diplomatic","title":"Attaché","startOn":"2020-01-01","endedOn":"2020-12-31"}""", "endReason", "required when endedOn is given"),
        ("""{"personId":"{person}","missionId":"{mission}","category":"Diplomatic","title":"Attaché","startOn":"2020-01-01","endReason":"Expelled","endedOn":"2020-12-31"}""", "endReason", "'Expelled' is not a known value"),
        ("""{"personId":"someone","missionId":"{mission}","category":"Diplomatic","title":"Attaché","startOn":"2020-01-01"}""", "personId", "wrong type"));

    [Theory, MemberData(nameof(BadAssignments))]
    public async Task BadAssignmentIsRefusedNamingTheFieldAndNothingIsWritten(DatabaseProvider provider, string template, string field, string reason)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var person = await Create.Person(client);
        var json = template.Replace("{mission}", mission.Id.ToString(), StringComparison.Ordinal).Replace("{person}", person.Id.ToString(), StringComparison.Ordinal)
            .Replace("{long}", new string('t', 101), StringComparison.Ordinal);

        await client.ShouldRefuseToCreate(Url, json, field, reason);
    }
}
