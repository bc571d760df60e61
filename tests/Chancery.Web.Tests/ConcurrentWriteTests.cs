using System.Net;
using Chancery.Core.Data;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

/// <summary>
/// Clerks entering the same record at the same moment: the service's check can pass for both, so the
/// database's unique index decides, and the loser must get a 409 like any duplicate, never a 500.
/// </summary>
public sealed class ConcurrentWriteTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const int Clerks = 6;

    private static async Task<HttpStatusCode[]> AllAtOnce(HttpClient client, string url, object body) =>
        (await Task.WhenAll(Enumerable.Range(0, Clerks).Select(_ => client.PostJson(url, body)))).Select(r => r.StatusCode).ToArray();

    private static void OneCreatedRestConflict(HttpStatusCode[] statuses)
    {
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SamePassportEnteredTwiceAtOnceIsRecordedOnce(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var input = A.Person();

        OneCreatedRestConflict(await AllAtOnce(client, "/api/v1/people", input));

        Assert.Equal(1, await client.Count($"/api/v1/people?q={input.FamilyName}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SameOpenAssignmentEnteredTwiceAtOnceIsRecordedOnce(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var person = await Create.Person(client);

        OneCreatedRestConflict(await AllAtOnce(client, "/api/v1/assignments", A.Assignment(person.Id, mission.Id)));

        Assert.Equal(1, await client.Count($"/api/v1/assignments?personId={person.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SameHouseholdLinkEnteredTwiceAtOnceIsRecordedOnce(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, _, assignment) = await Create.Posting(client);
        var spouse = await Create.Person(client);

        OneCreatedRestConflict(await AllAtOnce(client, "/api/v1/family-members", A.FamilyMember(spouse.Id, assignment.Id)));

        Assert.Equal(1, await client.Count($"/api/v1/family-members?principalAssignmentId={assignment.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ConcurrentUpdatesOfOneVersionLetExactlyOneWin(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);

        var statuses = (await Task.WhenAll(Enumerable.Range(0, Clerks).Select(_ =>
            client.PutJson($"/api/v1/missions/{mission.Id}", A.Mission() with { Version = mission.Version })))).Select(r => r.StatusCode).ToArray();

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
    }
}
