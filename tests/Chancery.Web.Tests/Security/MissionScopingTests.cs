using System.Net;
using System.Text.Json;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests.Security;

/// <summary>A mission administrator sees and changes its own missions' registry only; the rest does not exist for it.</summary>
public sealed class MissionScopingTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Theory, MemberData(nameof(Providers))]
    public async Task AnotherMissionsRecordsCannotBeReadChangedOrDeleted(DatabaseProvider provider)
    {
        var (admin, other) = await TwoMissionsAsync(provider);

        foreach (var (url, update) in other.Records)
        {
            var before = await Fixture.Client(provider).Get<JsonElement>(url);
            await (await admin.GetAsync(url)).ShouldBeProblem(HttpStatusCode.NotFound);
            await (await admin.PutJson(url, update)).ShouldBeProblem(HttpStatusCode.NotFound);
            await (await admin.DeleteAsync(url)).ShouldBeProblem(HttpStatusCode.NotFound);
            Assert.Equal(before.ToString(), (await Fixture.Client(provider).Get<JsonElement>(url)).ToString());
        }
        await (await admin.GetAsync($"/api/v1/missions/{other.Mission}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/v1/missions/{other.Mission}/roster")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/v1/people/{other.Person}/profile")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnotherMissionsRecordsAreNotListed(DatabaseProvider provider)
    {
        var (admin, other) = await TwoMissionsAsync(provider);

        string[] lists = ["/api/v1/people", "/api/v1/assignments", "/api/v1/family-members", "/api/v1/visas", "/api/v1/missions"];
        foreach (var list in lists)
        {
            var all = await admin.Get<Page<JsonElement>>($"{list}?pageSize=100");
            var filtered = await admin.Get<Page<JsonElement>>(list == "/api/v1/missions" ? $"{list}?q={other.City}" : $"{list}?missionId={other.Mission}");
            var ids = all.Items.Concat(filtered.Items).Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
            Assert.Empty(ids.Intersect(other.Ids));
            Assert.Equal(0, filtered.Total);
        }
        // The registrar, who administers both, does see them: the lists are not empty for want of data.
        Assert.Equal(2, await Fixture.Client(provider).Count($"/api/v1/people?missionId={other.Mission}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnotherMissionsPagesAreNotFound(DatabaseProvider provider)
    {
        var (_, other) = await TwoMissionsAsync(provider);
        var browser = await BrowserSession.SignInAsync(Fixture.App(provider), Admin(provider));

        foreach (var page in new[] { $"/people/{other.Person}", $"/missions/{other.Mission}" })
        {
            var response = await browser.Client.GetAsync(page);

            await response.ShouldHaveStatus(HttpStatusCode.NotFound);
            Assert.Contains("<h1>Not found</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    // One administrator per provider's app: the accounts live in that app's database.
    private static TestAccount Admin(DatabaseProvider provider) => TestAccount.MissionAdministrator($"scoping-{provider}".ToLowerInvariant());

    /// <summary>Mission A, administered by the account; mission B, staffed, with a household and a visa, which it does not administer.</summary>
    private async Task<(HttpClient Admin, OtherMission Other)> TwoMissionsAsync(DatabaseProvider provider)
    {
        var registrar = Fixture.Client(provider);
        var (own, _, _) = await Create.Posting(registrar);
        await Fixture.App(provider).Accounts.GrantMissionAsync(Admin(provider), own.Id);

        var (mission, person, assignment) = await Create.Posting(registrar);
        var spouse = await Create.Person(registrar);
        var family = await Create.FamilyMember(registrar, A.FamilyMember(spouse.Id, assignment.Id));
        var visa = await Create.Visa(registrar, A.Visa(person.Id));
        var other = new OtherMission(mission.Id, mission.City, person.Id,
        [
            ($"/api/v1/people/{person.Id}", A.Person() with { Version = person.Version }),
            ($"/api/v1/people/{spouse.Id}", A.Person() with { Version = spouse.Version }),
            ($"/api/v1/assignments/{assignment.Id}", A.Assignment(person.Id, mission.Id) with { Title = "Counsellor", Version = assignment.Version }),
            ($"/api/v1/family-members/{family.Id}", A.FamilyMember(spouse.Id, assignment.Id) with { Version = family.Version }),
            ($"/api/v1/visas/{visa.Id}", A.Visa(person.Id) with { Version = visa.Version }),
        ], [mission.Id, person.Id, spouse.Id, assignment.Id, family.Id, visa.Id]);
        return (Fixture.ClientAs(provider, Admin(provider)), other);
    }

    private sealed record OtherMission(Guid Mission, string City, Guid Person, (string Url, object Update)[] Records, Guid[] Ids);
}
