using System.Net;
using Chancery.Core.Data;
using Chancery.Core.Forecast;
using Chancery.Core.People;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class ForecastApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private static string Forecast(Guid missionId) => $"/api/v1/missions/{missionId}/forecast";
    private static string Minimums(Guid missionId) => $"/api/v1/missions/{missionId}/staffing-minimums";

    [Theory, MemberData(nameof(Providers))]
    public async Task ForecastShowsTheDeadlineCliffAgainstTheMinimumAndAScenarioBesideTheBaseline(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var leaving = await Create.Person(client);
        await Create.Assignment(client, A.Assignment(leaving.Id, mission.Id));
        await Create.Visa(client, A.Visa(leaving.Id));
        var staying = await Create.Person(client);
        await Create.Assignment(client, A.Assignment(staying.Id, mission.Id));
        await Create.Visa(client, A.Visa(staying.Id) with { ValidUntil = new DateOnly(2023, 9, 3) });
        await (await client.PutJson(Minimums(mission.Id), new StaffingMinimumsInput([new(StaffCategory.Diplomatic, 2)]))).ShouldHaveStatus(HttpStatusCode.OK);

        var forecast = await client.Get<MissionForecast>($"{Forecast(mission.Id)}?from=2021-08-15&days=60&runs=50&seed=1&stopIssuing=true&expel=1@2021-08-20");

        var diplomats = forecast.Baseline.Categories.Single(c => c.Category == StaffCategory.Diplomatic);
        // Of the two diplomats, one's visa ends on the deadline.
        Assert.Equal((2, 1), (diplomats.Days.Single(d => d.On == new DateOnly(2021, 9, 3)).Median, diplomats.Days.Single(d => d.On == new DateOnly(2021, 9, 4)).Median));
        Assert.Equal((new DateOnly(2021, 8, 15), new DateOnly(2021, 10, 13), 60), (forecast.From, forecast.To, diplomats.Days.Count));
        Assert.Equal((2, 1.0, (DateOnly?)new DateOnly(2021, 9, 4)), (diplomats.Risk!.Minimum, diplomats.Risk.ProbabilityBelowByEnd, diplomats.Risk.MedianFirstBelowOn));
        var scenario = forecast.ScenarioResult!.Categories.Single(c => c.Category == StaffCategory.Diplomatic);
        // One more expelled on 2021-08-20: below the minimum from the next day.
        Assert.Equal((DateOnly?)new DateOnly(2021, 8, 21), scenario.Risk!.MedianFirstBelowOn);
        Assert.Contains("1 more Diplomatic staff expelled", forecast.ScenarioDescription, StringComparison.Ordinal);

        var posted = await (await client.PostJson(Forecast(mission.Id), new ForecastRequest(new DateOnly(2021, 8, 15), 60, 50, 1,
            new ForecastScenario(StopIssuingFrom: new DateOnly(2021, 8, 15), Expulsions: [new ForecastExpulsion(new DateOnly(2021, 8, 20), 1)])))).Read<MissionForecast>();
        Assert.Equal(forecast.ScenarioResult.Members.Select(b => b.Median), posted.ScenarioResult!.Members.Select(b => b.Median));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task OutOfRangeAndMalformedForecastValuesAreRefusedNamingEachField(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);

        await (await client.GetAsync($"{Forecast(mission.Id)}?days=731&runs=0&processingFactor=0&refusalRate=1.5"))
            .ShouldBeInvalid("days", "runs", "processingFactor", "refusalRate");
        var errors = await (await client.GetAsync($"{Forecast(mission.Id)}?from=2021-02-30&seed=-1&expel=five&cap=3@2021-10-01:Butler"))
            .ShouldBeInvalid("from", "seed", "expel", "cap");
        Assert.Contains(errors["expel"], m => m.Contains("5@2021-10-01", StringComparison.Ordinal));
        await (await client.PostRaw(Forecast(mission.Id), """{"days": 10, "scenario": {"refusalRate": 2}}""")).ShouldBeInvalid("refusalRate", "0 to 1");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ForecastAndMinimumsOfAMissionOutsideTheCallersScopeAreNotFound(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, _, _) = await Create.Posting(client);
        var outsider = Fixture.ClientAs(provider, TestAccount.ProtocolOfficerOfRussia);

        await (await outsider.GetAsync($"{Forecast(mission.Id)}?days=10&runs=1")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await outsider.GetAsync(Minimums(mission.Id))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await outsider.PutJson(Minimums(mission.Id), new StaffingMinimumsInput([new(StaffCategory.Diplomatic, 2)]))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Forecast(Guid.NewGuid())}?days=10&runs=1")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task MinimumsAreSetWithVersionsAndAStaleOrInvalidChangeIsRefused(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);

        var set = await (await client.PutJson(Minimums(mission.Id), new StaffingMinimumsInput([new(StaffCategory.Diplomatic, 3), new(StaffCategory.Service, 1)]))).Read<MissionStaffingMinimums>();
        await (await client.PutJson(Minimums(mission.Id), new StaffingMinimumsInput([new(StaffCategory.Diplomatic, 4, set.For(StaffCategory.Diplomatic)!.Version)]))).ShouldHaveStatus(HttpStatusCode.OK);
        await (await client.PutJson(Minimums(mission.Id), new StaffingMinimumsInput([new(StaffCategory.Diplomatic, 5, set.For(StaffCategory.Diplomatic)!.Version)])))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        await (await client.PutJson(Minimums(mission.Id), new StaffingMinimumsInput([new(StaffCategory.Service, -2, 1), new(StaffCategory.PrivateServant, 1)])))
            .ShouldBeInvalid(["minimums[0].minimum", "minimums[1].category"]);

        var read = await client.Get<MissionStaffingMinimums>(Minimums(mission.Id));
        Assert.Equal([(StaffCategory.Diplomatic, 4), (StaffCategory.Service, 1)], read.Minimums.Select(m => (m.Category, m.Minimum)));
    }
}
