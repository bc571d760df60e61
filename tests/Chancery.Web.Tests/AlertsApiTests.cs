using System.Net;
using Chancery.Core.Data;
using Chancery.Core.Visas;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class AlertsApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/alerts";

    [Theory, MemberData(nameof(Providers))]
    public async Task TheAsOfDateDecidesWhetherAVisaEndingSoonIsANoticeAWarningCriticalOrAnOverstay(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, _) = await Create.Posting(client);
        var visa = await Create.Visa(client, A.Visa(person.Id));

        async Task<(AlertKind, AlertSeverity, DateOnly)?> On(string asOf)
        {
            var list = await client.Get<AlertList>($"{Url}?missionId={mission.Id}&asOf={asOf}");
            Assert.Equal(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), list.AsOf);
            return list.Alerts.SingleOrDefault() is { } a ? (a.Kind, a.Severity, a.Due) : null;
        }

        Assert.Null(await On("2021-05-01"));
        Assert.Equal((AlertKind.VisaExpiring, AlertSeverity.Notice, visa.ValidUntil), await On("2021-06-15"));
        Assert.Equal((AlertKind.VisaExpiring, AlertSeverity.Warning, visa.ValidUntil), await On("2021-08-15"));
        Assert.Equal((AlertKind.VisaExpiring, AlertSeverity.Critical, visa.ValidUntil), await On("2021-09-03"));
        Assert.Equal((AlertKind.Overstay, AlertSeverity.Critical, new DateOnly(2021, 9, 4)), await On("2021-09-04"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task KindAndSeverityFilterTheListAndItsCounts(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, assignment) = await Create.Posting(client);
        await Create.Visa(client, A.Visa(person.Id));
        var spouse = await Create.Person(client);
        await Create.FamilyMember(client, A.FamilyMember(spouse.Id, assignment.Id));
        var all = $"{Url}?missionId={mission.Id}&asOf=2021-08-15";

        var everything = await client.Get<AlertList>(all);
        var lost = await client.Get<AlertList>($"{all}&kind=FamilyVisaLost");
        var critical = await client.Get<AlertList>($"{all}&severity=Critical");

        Assert.Equal([(AlertKind.VisaExpiring, person.Id), (AlertKind.FamilyVisaLost, spouse.Id)], everything.Alerts.Select(a => (a.Kind, a.PersonId)).Order());
        Assert.Equal((0, 2, 0), (everything.PerSeverity.Critical, everything.PerSeverity.Warning, everything.PerSeverity.Notice));
        Assert.Equal((mission.Id, 2), (Assert.Single(everything.PerMission).MissionId, everything.PerMission[0].Warning));
        Assert.Equal(spouse.Id, Assert.Single(lost.Alerts).PersonId);
        Assert.Empty(critical.Alerts);
        Assert.Empty(critical.PerMission);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task MissionAdministratorSeesOnlyTheAlertsOfTheirOwnMission(DatabaseProvider provider)
    {
        var registrar = Fixture.Client(provider);
        var (own, ownPerson, _) = await Create.Posting(registrar);
        await Create.Visa(registrar, A.Visa(ownPerson.Id));
        var (other, otherPerson, _) = await Create.Posting(registrar);
        await Create.Visa(registrar, A.Visa(otherPerson.Id));
        var account = TestAccount.MissionAdministrator($"alerts-{provider}".ToLowerInvariant());
        await Fixture.App(provider).Accounts.GrantMissionAsync(account, own.Id);
        var admin = Fixture.ClientAs(provider, account);

        var seen = await admin.Get<AlertList>($"{Url}?asOf=2021-08-15");

        Assert.Contains(seen.Alerts, a => a.PersonId == ownPerson.Id);
        Assert.All(seen.Alerts, a => Assert.Equal(own.Id, a.MissionId));
        Assert.Contains((await registrar.Get<AlertList>($"{Url}?asOf=2021-08-15")).Alerts, a => a.PersonId == otherPerson.Id);
        await (await admin.GetAsync($"{Url}?missionId={other.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task BadQueryValuesAreRefusedNamingTheFieldAndAnUnknownMissionIsNotFound(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        await (await client.GetAsync($"{Url}?asOf=2021-02-30")).ShouldBeInvalid("asOf", "not a valid date");
        await (await client.GetAsync($"{Url}?kind=Expiring")).ShouldBeInvalid("kind", "kind 'Expiring' is not a known value; use one of VisaExpiring, RenewalLate, ReapplicationDue, GraceEnding, Overstay, FamilyVisaLost, ApplicationSlow");
        await (await client.GetAsync($"{Url}?severity=2")).ShouldBeInvalid("severity", "not a");
        await (await client.GetAsync($"{Url}?missionId={Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task StatisticsCountDecisionsRefusalsAndPendingAgesOverTheWindow(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, person, _) = await Create.Posting(client);
        var category = "S-" + Unique.Name()[..6];
        var filed = new DateOnly(2021, 3, 1);
        foreach (var (days, outcome) in new[] { (20, VisaApplicationOutcome.Granted), (40, VisaApplicationOutcome.Refused), (30, VisaApplicationOutcome.Granted) })
            await Create.VisaApplication(client, A.VisaApplication(person.Id) with { CategoryCode = category, FiledOn = filed, DecidedOn = filed.AddDays(days), Outcome = outcome });
        await Create.VisaApplication(client, A.VisaApplication(person.Id) with { CategoryCode = category, FiledOn = new DateOnly(2021, 6, 1) });

        var statistics = await client.Get<VisaStatistics>($"/api/v1/visa-statistics?issuingState=US&applicantState=RU&category={category}&from=2021-01-01&to=2021-06-30");

        var row = Assert.Single(statistics.Rows);
        Assert.Equal((3, 30, 40, 0.3333m, 1, 29), (row.DecidedCount, row.MedianDays, row.P90Days, row.RefusalRate, row.PendingCount, row.OldestPendingDays));
        await (await client.GetAsync("/api/v1/visa-statistics?from=2021-07-01&to=2021-06-30")).ShouldBeInvalid("from", "after");
        await (await client.GetAsync("/api/v1/visa-statistics?to=2021-06-31")).ShouldBeInvalid("to", "not a valid date");
    }
}
