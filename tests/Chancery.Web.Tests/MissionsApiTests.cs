using System.Net;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class MissionsApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/missions";

    [Theory, MemberData(nameof(Providers))]
    public async Task CreatedMissionIsReturnedWithLocationAndCanBeRead(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var input = A.Mission() with { Kind = MissionKind.ConsulateGeneral, SendingStateCode = "ru", ReceivingStateCode = "us" };

        var response = await client.PostJson(Url, input);
        var created = await response.Read<MissionDto>(HttpStatusCode.Created);

        Assert.Equal($"{Url}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("RU", "Russia", "US", "United States"), (created.SendingStateCode, created.SendingStateName, created.ReceivingStateCode, created.ReceivingStateName));
        Assert.Equal(MissionStatus.Open, created.Status);
        Assert.Equal(1, created.Version);
        var read = await client.Get<MissionDto>($"{Url}/{created.Id}");
        Assert.Equal(created, read);
        Assert.Equal($"Consulate-general of Russia in {input.City}", read.Label);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ListFiltersSortsAndPages(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var word = Unique.Word();
        await Create.Mission(client, A.Mission($"Alpha {word}"));
        await Create.Mission(client, A.Mission($"Bravo {word}") with { Kind = MissionKind.Consulate });
        // Recorded by Russia's protocol officer (missions received by Russia), then given to the registrar to administer.
        var charlie = await Create.Mission(Fixture.ClientAs(provider, TestAccount.ProtocolOfficerOfRussia), A.Mission($"Charlie {word}") with { SendingStateCode = "US", ReceivingStateCode = "RU" });
        await Fixture.App(provider).Accounts.GrantMissionAsync(TestAccount.Registrar, charlie.Id);
        await Create.Mission(client, A.Mission($"Delta {word}") with { Status = MissionStatus.Closed, ClosedOn = new DateOnly(2018, 3, 31) });

        var all = await client.Get<Page<MissionDto>>($"{Url}?q={word.ToUpperInvariant()}");
        Assert.Equal(4, all.Total);
        Assert.Equal(["Alpha", "Bravo", "Charlie", "Delta"], all.Items.Select(m => m.City.Split(' ')[0]));

        var sentByUs = await client.Get<Page<MissionDto>>($"{Url}?q={word}&sendingState=us");
        Assert.Equal($"Charlie {word}", Assert.Single(sentByUs.Items).City);
        var receivedByRu = await client.Get<Page<MissionDto>>($"{Url}?q={word}&receivingState=RU");
        Assert.Equal($"Charlie {word}", Assert.Single(receivedByRu.Items).City);
        var consulates = await client.Get<Page<MissionDto>>($"{Url}?q={word}&kind=Consulate");
        Assert.Equal($"Bravo {word}", Assert.Single(consulates.Items).City);
        var closed = await client.Get<Page<MissionDto>>($"{Url}?q={word}&status=Closed");
        Assert.Equal($"Delta {word}", Assert.Single(closed.Items).City);

        // Kinds in their order of rank (embassies first), not alphabetically (Consulate before Embassy).
        var byKind = await client.Get<Page<MissionDto>>($"{Url}?q={word}&sort=kind");
        Assert.Equal(["Alpha", "Charlie", "Delta", "Bravo"], byKind.Items.Select(m => m.City.Split(' ')[0]));

        var page2 = await client.Get<Page<MissionDto>>($"{Url}?q={word}&sort=-city&page=2&pageSize=3");
        Assert.Equal((4, 2, 3), (page2.Total, page2.PageNumber, page2.PageSize));
        Assert.Equal($"Alpha {word}", Assert.Single(page2.Items).City);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task StaffCountCountsMembersServingToday(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, _, _) = await Create.Posting(client);
        var gone = await Create.Person(client);
        await Create.Assignment(client, A.Assignment(gone.Id, mission.Id) with { EndedOn = new DateOnly(2021, 8, 14), EndReason = Core.People.EndReason.EndOfTour });
        var servant = await Create.Person(client);
        await Create.Assignment(client, A.Assignment(servant.Id, mission.Id) with { Category = Core.People.StaffCategory.PrivateServant });

        var read = await client.Get<MissionDto>($"{Url}/{mission.Id}");
        Assert.Equal(1, read.StaffCount);
        var byStaff = await client.Get<Page<MissionDto>>($"{Url}?q={Uri.EscapeDataString(mission.City)}&sort=staff");
        Assert.Equal(1, Assert.Single(byStaff.Items).StaffCount);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UpdateChangesTheMissionAndItsVersion(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var city = $"City {Unique.Name()}";

        var updated = await (await client.PutJson($"{Url}/{mission.Id}", A.Mission(city) with { Status = MissionStatus.Suspended, Version = mission.Version })).Read<MissionDto>();

        Assert.Equal((city, MissionStatus.Suspended, 2), (updated.City, updated.Status, updated.Version));
        Assert.Equal(updated, await client.Get<MissionDto>($"{Url}/{mission.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task StaleUpdateIsRefusedWithConflictAndKeepsTheNewerChange(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var first = A.Mission($"City {Unique.Name()}") with { Version = mission.Version };
        await (await client.PutJson($"{Url}/{mission.Id}", first)).ShouldHaveStatus(HttpStatusCode.OK);

        var stale = await client.PutJson($"{Url}/{mission.Id}", A.Mission($"City {Unique.Name()}") with { Version = mission.Version });

        var problem = await stale.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Contains("changed", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(first.City, (await client.Get<MissionDto>($"{Url}/{mission.Id}")).City);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UpdateWithoutVersionIsRefused(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);

        await (await client.PutJson($"{Url}/{mission.Id}", A.Mission())).ShouldBeInvalid("version", "send the version you read");
        Assert.Equal(mission.City, (await client.Get<MissionDto>($"{Url}/{mission.Id}")).City);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DeleteRemovesTheMission(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);

        await (await client.DeleteAsync($"{Url}/{mission.Id}?version={mission.Version}")).ShouldHaveStatus(HttpStatusCode.NoContent);

        await (await client.GetAsync($"{Url}/{mission.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DeleteWithStaleVersionIsRefused(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        await (await client.PutJson($"{Url}/{mission.Id}", A.Mission() with { Version = mission.Version })).ShouldHaveStatus(HttpStatusCode.OK);

        await (await client.DeleteAsync($"{Url}/{mission.Id}?version={mission.Version}")).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await client.GetAsync($"{Url}/{mission.Id}")).ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DeletingAMissionWithAssignmentsIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, _, _) = await Create.Posting(client);

        var problem = await (await client.DeleteAsync($"{Url}/{mission.Id}")).ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Contains("1 assignment", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.GetAsync($"{Url}/{mission.Id}")).ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UnknownIdIsNotFound(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        await client.ShouldNotFind(Url, A.Mission() with { Version = 1 });
        await (await client.GetAsync($"{Url}/{Guid.NewGuid()}/roster")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task EmptyBodyIsRefused(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        await client.ShouldRefuseToCreate(Url, "", "body", "required");
        await client.ShouldRefuseToCreate(Url, "null", "body", "required");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task MissingFieldsAreAllNamed(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var before = await client.Count(Url);

        var errors = await (await client.PostRaw(Url, "{}")).ShouldBeInvalid("sendingStateCode", "receivingStateCode", "kind", "city");

        Assert.Contains("required", errors["city"][0], StringComparison.Ordinal);
        Assert.Equal(before, await client.Count(Url));
    }

    public static TheoryData<DatabaseProvider, string, string, string> BadMissions() => OnEachProvider(
        ("""{"sendingStateCode":"RU","receivingStateCode":"RU","kind":"Embassy","city":"Moscow"}""", "receivingStateCode", "same as sendingStateCode"),
        ("""{"sendingStateCode":"XX","receivingStateCode":"US","kind":"Embassy","city":"Boston"}""", "sendingStateCode", "'XX' is not an ISO 3166-1 alpha-2 code"),
        ("""{"sendingStateCode":"RU","receivingStateCode":"US","kind":"Palace","city":"Boston"}""", "kind", "'Palace' is not a known value"),
        ("""{"sendingStateCode":"RU","receivingStateCode":"US","kind":1,"city":"Boston"}""", "kind", "must be one of Embassy"),
        ("""{"sendingStateCode":"RU","receivingStateCode":"US","kind":"Embassy","city":"Boston","openedOn":"2021-02-30"}""", "openedOn", "'2021-02-30' is not a date"),
        ("""{"sendingStateCode":"RU","receivingStateCode":"US","kind":"Embassy","city":"Boston","openedOn":"03/09/2021"}""", "openedOn", "YYYY-MM-DD"),
        ("""{"sendingStateCode":"RU","receivingStateCode":"US","kind":"Embassy","city":"Boston","status":"Closed"}""", "closedOn", "required when status is Closed"),
        ("""{"sendingStateCode":"RU","receivingStateCode":"US","kind":"Embassy","city":"Boston","openedOn":"2020-01-02","closedOn":"2020-01-01"}""", "closedOn", "before openedOn"),
        ($$"""{"sendingStateCode":"RU","receivingStateCode":"US","kind":"Embassy","city":"{{new string('x', 101)}}"}""", "city", "101 characters long; the limit is 100"),
        ("""{"sendingStateCode":"RU","receivingStateCode":"US","kind":"Embassy","city":"Boston",""", "body", "not valid JSON"),
        ("""{"sendingStateCode":"RU","receivingStateCode":"US","kind":"Embassy","city":42}""", "city", "wrong type"));

    [Theory, MemberData(nameof(BadMissions))]
    public async Task BadMissionIsRefusedNamingTheFieldAndNothingIsWritten(DatabaseProvider provider, string json, string field, string reason)
    {
        var client = Fixture.Client(provider);

        await client.ShouldRefuseToCreate(Url, json, field, reason);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task BadUpdateIsRefusedAndLeavesTheMissionAsItWas(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);

        await (await client.PutJson($"{Url}/{mission.Id}", A.Mission() with { ReceivingStateCode = "RU", Version = mission.Version }))
            .ShouldBeInvalid("receivingStateCode", "same as sendingStateCode");

        Assert.Equal(mission, await client.Get<MissionDto>($"{Url}/{mission.Id}"));
    }
}
