using System.Net;
using Chancery.Core.Data;
using Chancery.Core.Visas;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class TravelRiskApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/travel-risk";

    /// <summary>
    /// A mission on 2021-08-15: a diplomat whose visa ends 2021-09-03, his spouse whose single entry is used, a colleague
    /// with a renewal pending, one with a good visa, and a local employee who is a national of the receiving state.
    /// </summary>
    private static async Task<(Guid Mission, Guid Principal, Guid Spouse, Guid Pending, Guid Safe)> MissionAsync(HttpClient client)
    {
        var (mission, principal, assignment) = await Create.Posting(client);
        await Create.Visa(client, A.Visa(principal.Id));
        var spouse = await Create.Person(client);
        await Create.FamilyMember(client, A.FamilyMember(spouse.Id, assignment.Id));
        await Create.Visa(client, A.Visa(spouse.Id) with { ValidUntil = new DateOnly(2022, 8, 31), Entries = VisaEntries.Single, EntriesUsed = 1 });
        var pending = await Create.Person(client);
        await Create.Assignment(client, A.Assignment(pending.Id, mission.Id));
        await Create.Visa(client, A.Visa(pending.Id) with { ValidUntil = new DateOnly(2023, 1, 31) });
        await Create.VisaApplication(client, A.VisaApplication(pending.Id));
        var safe = await Create.Person(client);
        await Create.Assignment(client, A.Assignment(safe.Id, mission.Id));
        await Create.Visa(client, A.Visa(safe.Id) with { ValidUntil = new DateOnly(2023, 1, 31) });
        var local = await Create.Person(client, A.Person() with { NationalityCode = "US" });
        await Create.Assignment(client, A.Assignment(local.Id, mission.Id));
        return (mission.Id, principal.Id, spouse.Id, pending.Id, safe.Id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ReportCountsStaffAndFamilyAtRiskWithEveryReasonAndTheDefaultReturnDate(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, principal, spouse, pending, safe) = await MissionAsync(client);

        var report = await client.Get<TravelRiskReport>($"{Url}?asOf=2021-08-15&missionId={mission}");

        Assert.Equal((new DateOnly(2021, 8, 15), new DateOnly(2021, 9, 14)), (report.AsOf, report.ReturnBy));
        Assert.Contains("30 days", report.ReturnByNote, StringComparison.Ordinal);
        var counts = Assert.Single(report.Missions);
        Assert.Equal((3, 2, 1, 1, 3), (counts.StaffPresent, counts.StaffAtRisk, counts.FamilyPresent, counts.FamilyAtRisk, counts.TotalAtRisk));
        var people = report.People.ToDictionary(p => p.PersonId);
        Assert.DoesNotContain(safe, people.Keys);
        Assert.Equal([TravelRiskReason.EndsBeforeReturn], people[principal].Reasons.Select(r => r.Reason));
        Assert.Equal(new DateOnly(2021, 9, 3), people[principal].ValidUntil);
        Assert.Equal([TravelRiskReason.NoEntryLeft], people[spouse].Reasons.Select(r => r.Reason));
        Assert.Equal((false, principal), (people[spouse].IsStaff, people[spouse].PrincipalPersonId));
        Assert.Equal([TravelRiskReason.ApplicationPending], people[pending].Reasons.Select(r => r.Reason));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ReturningBeforeTheVisaEndsRemovesThatRiskButNotThePendingRenewal(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, principal, _, pending, _) = await MissionAsync(client);

        var report = await client.Get<TravelRiskReport>($"{Url}?asOf=2021-08-15&returnBy=2021-09-03&missionId={mission}");

        Assert.Null(report.ReturnByNote);
        Assert.DoesNotContain(report.People, p => p.PersonId == principal);
        Assert.Contains(report.People, p => p.PersonId == pending);
        Assert.Equal(1, report.Missions.Single().StaffAtRisk);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ReturnBeforeTheAsOfDateOrNotADateIsRefusedNamingReturnBy(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        var before = await (await client.GetAsync($"{Url}?asOf=2021-08-15&returnBy=2021-08-14")).ShouldBeInvalid("returnBy");
        await (await client.GetAsync($"{Url}?returnBy=2021-02-30")).ShouldBeInvalid("returnBy");
        await (await client.GetAsync($"{Url}?asOf=15.08.2021")).ShouldBeInvalid("asOf");

        Assert.Contains("before the as-of date 2021-08-15", before["returnBy"].Single(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task MissionAdministratorSeesOnlyTheirOwnMissionsRisk(DatabaseProvider provider)
    {
        var registrar = Fixture.Client(provider);
        var (own, _, _, _, _) = await MissionAsync(registrar);
        var (other, _, _, _, _) = await MissionAsync(registrar);
        var account = TestAccount.MissionAdministrator($"travel-risk-{provider}".ToLowerInvariant());
        await Fixture.App(provider).Accounts.GrantMissionAsync(account, own);
        var admin = Fixture.ClientAs(provider, account);

        var report = await admin.Get<TravelRiskReport>($"{Url}?asOf=2021-08-15");

        Assert.Equal(own, Assert.Single(report.Missions).MissionId);
        Assert.All(report.People, p => Assert.Equal(own, p.MissionId));
        Assert.Equal(3, report.Totals.TotalAtRisk);
        await (await admin.GetAsync($"{Url}?asOf=2021-08-15&missionId={other}")).ShouldBeProblem(HttpStatusCode.NotFound);
        // The registrar sees the other mission: it is not empty for want of data.
        Assert.Equal(3, (await registrar.Get<TravelRiskReport>($"{Url}?asOf=2021-08-15&missionId={other}")).Totals.TotalAtRisk);
    }
}
