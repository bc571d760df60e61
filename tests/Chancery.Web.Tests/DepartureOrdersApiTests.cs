using System.Net;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Departures;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class DepartureOrdersApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/departure-orders";

    [Theory, MemberData(nameof(Providers))]
    public async Task OneOrderNamesTwentyFourPersonsWithOneLeaveByDate(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var staff = await Staff(client, mission.Id, 24);

        var order = await Create.DepartureOrder(client, A.DepartureOrder(mission.Id, staff.Select(s => s.PersonId)));

        Assert.Equal(24, order.Persons.Count);
        Assert.All(order.Persons, p => Assert.Equal((DeparturePersonStatus.Pending, true), (p.Status, p.FamilyLeaves)));
        Assert.Equal(new DepartureCounts(24, 0, 0, 0), order.Counts);
        var listed = await client.Get<Page<DepartureOrderSummaryDto>>($"{Url}?missionId={mission.Id}");
        Assert.Equal((order.Id, new DateOnly(2021, 9, 3), 24), (Assert.Single(listed.Items).Id, listed.Items[0].LeaveBy, listed.Items[0].Counts.Total));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RecordedDepartureEndsTheAssignmentAndTheHouseholdAndReversalRestoresBoth(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, assignment) = await Create.Posting(client);
        var spouse = await Create.Person(client);
        var family = await Create.FamilyMember(client, A.FamilyMember(spouse.Id, assignment.Id));
        var order = await Create.DepartureOrder(client, A.DepartureOrder(mission.Id, [person.Id]));

        var departed = await (await client.PostJson($"{Url}/{order.Id}/departures", new DeparturesInput(new DateOnly(2021, 9, 2), [person.Id]))).Read<DepartureOrderDto>();

        Assert.Equal((DeparturePersonStatus.Departed, new DateOnly(2021, 9, 2)), (departed.Persons[0].Status, departed.Persons[0].DepartedOn));
        var ended = await client.Get<AssignmentDto>($"/api/v1/assignments/{assignment.Id}");
        Assert.Equal((new DateOnly(2021, 9, 2), EndReason.AskedToLeave), (ended.EndedOn, ended.EndReason));
        Assert.Equal(new DateOnly(2021, 9, 2), (await client.Get<FamilyMemberDto>($"/api/v1/family-members/{family.Id}")).EndedOn);

        var reversed = await (await client.PostJson($"{Url}/{order.Id}/departures/{person.Id}/reverse", new { })).Read<DepartureOrderDto>();

        Assert.Equal(DeparturePersonStatus.Pending, reversed.Persons[0].Status);
        var restored = await client.Get<AssignmentDto>($"/api/v1/assignments/{assignment.Id}");
        Assert.Equal(((DateOnly?)null, (EndReason?)null), (restored.EndedOn, restored.EndReason));
        Assert.Null((await client.Get<FamilyMemberDto>($"/api/v1/family-members/{family.Id}")).EndedOn);
        var audit = await Fixture.ClientAs(provider, TestAccount.Auditor).GetStringAsync($"/api/v1/audit?entityType=Assignment&entityId={assignment.Id}");
        Assert.Contains("AskedToLeave", audit, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task FamilyStaysWhenTheOrderSaysSo(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, assignment) = await Create.Posting(client);
        var family = await Create.FamilyMember(client, A.FamilyMember((await Create.Person(client)).Id, assignment.Id));
        var order = await Create.DepartureOrder(client, A.DepartureOrder(mission.Id, []) with { Persons = [new DepartureOrderPersonInput(person.Id, FamilyLeaves: false)] });

        await (await client.PostJson($"{Url}/{order.Id}/departures", new DeparturesInput(new DateOnly(2021, 9, 1), [person.Id]))).Read<DepartureOrderDto>();

        Assert.Null((await client.Get<FamilyMemberDto>($"/api/v1/family-members/{family.Id}")).EndedOn);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task PendingPersonIsOverstayedOnlyAfterLeaveByPlusTheHostPolicysGraceDays(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var policy = await Create.HostPolicy(client); // United States for Russia, 30 grace days, a year of its own
        var (mission, person, _) = await Create.Posting(client);
        var year = policy.InForceFrom.Year;
        var order = await Create.DepartureOrder(client, A.DepartureOrder(mission.Id, [person.Id]) with
        {
            IssuedOn = new DateOnly(year, 3, 1),
            LeaveBy = new DateOnly(year, 4, 1),
        });

        var lastGraceDay = await client.Get<DepartureOrderDto>($"{Url}/{order.Id}?asOf={year}-05-01");
        var dayAfter = await client.Get<DepartureOrderDto>($"{Url}/{order.Id}?asOf={year}-05-02");

        Assert.Equal((30, DepartureProgress.Pending), (lastGraceDay.GraceDays, lastGraceDay.Persons[0].StatusOn));
        Assert.Equal(DepartureProgress.Overstayed, dayAfter.Persons[0].StatusOn);
        Assert.Equal(new DepartureCounts(0, 1, 0, 0), dayAfter.Counts);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task BadOrderIsRefusedNamingEachFieldAndRowAndNothingIsWritten(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, _) = await Create.Posting(client);
        var stranger = await Create.Person(client);

        var errors = await (await client.PostJson(Url, A.DepartureOrder(mission.Id, [person.Id, stranger.Id]) with { LeaveBy = new DateOnly(2021, 7, 1) }))
            .ShouldBeInvalid("leaveBy");
        var rowErrors = await (await client.PostJson(Url, A.DepartureOrder(mission.Id, [person.Id, person.Id, stranger.Id])))
            .ShouldBeInvalid(["persons[1].personId", "persons[2].personId"]);

        Assert.Contains("before issuedOn", errors["leaveBy"][0], StringComparison.Ordinal);
        Assert.Contains("no assignment at this mission", rowErrors["persons[2].personId"][0], StringComparison.Ordinal);
        Assert.Equal(0, await client.Count($"{Url}?missionId={mission.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SecondPendingOrderForTheSamePersonIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, _) = await Create.Posting(client);
        await Create.DepartureOrder(client, A.DepartureOrder(mission.Id, [person.Id]));

        await (await client.PostJson(Url, A.DepartureOrder(mission.Id, [person.Id]))).ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Equal(1, await client.Count($"{Url}?missionId={mission.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RescindingTheOrderReleasesEveryPendingPersonButNotTheDeparted(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var staff = await Staff(client, mission.Id, 3);
        var order = await Create.DepartureOrder(client, A.DepartureOrder(mission.Id, staff.Select(s => s.PersonId)));
        await (await client.PostJson($"{Url}/{order.Id}/departures", new DeparturesInput(new DateOnly(2021, 8, 20), [staff[0].PersonId]))).Read<DepartureOrderDto>();

        var rescinded = await (await client.PostJson($"{Url}/{order.Id}/rescind", new RescindInput(new DateOnly(2021, 8, 25)))).Read<DepartureOrderDto>();

        Assert.Equal(new DepartureCounts(0, 0, 1, 2), (await client.Get<DepartureOrderDto>($"{Url}/{order.Id}?asOf=2021-12-31")).Counts);
        Assert.Equal(2, rescinded.Persons.Count(p => p.Status == DeparturePersonStatus.Rescinded));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task MissionAdministratorRecordsTheirStaffsDeparturesButMayNotIssueOrders(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, _) = await Create.Posting(client);
        var admin = TestAccount.MissionAdministrator("departures-admin-" + Unique.Word(6));
        await Fixture.App(provider).Accounts.GrantMissionAsync(admin, mission.Id);
        var own = Fixture.ClientAs(provider, admin);
        var order = await Create.DepartureOrder(client, A.DepartureOrder(mission.Id, [person.Id]));

        await (await own.PostJson(Url, A.DepartureOrder(mission.Id, [person.Id]))).ShouldBeProblem(HttpStatusCode.Forbidden);
        // Today is 2021-08-15 in the tests: a departure on the 10th counts as departed today.
        var departed = await (await own.PostJson($"{Url}/{order.Id}/departures", new DeparturesInput(new DateOnly(2021, 8, 10), [person.Id]))).Read<DepartureOrderDto>();
        Assert.Equal(1, departed.Counts.Departed);

        var russia = Fixture.ClientAs(provider, TestAccount.ProtocolOfficerOfRussia);
        await (await russia.GetAsync($"{Url}/{order.Id}")).ShouldHaveStatus(HttpStatusCode.NotFound);
    }

    private static async Task<List<AssignmentDto>> Staff(HttpClient client, Guid missionId, int count)
    {
        var staff = new List<AssignmentDto>();
        for (var i = 0; i < count; i++)
            staff.Add(await Create.Assignment(client, A.Assignment((await Create.Person(client)).Id, missionId)));
        return staff;
    }
}

public sealed class StaffingCapsApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/staffing-caps";

    [Theory, MemberData(nameof(Providers))]
    public async Task AssignmentExactlyAtTheCapIsAllowedAndOneOverIsRefusedNamingCapCountAndLimit(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, _, _) = await Create.Posting(client);
        var cap = await Create.StaffingCap(client, A.StaffingCap(mission.Id, 2) with { Category = StaffCategory.Diplomatic });
        await Create.Assignment(client, A.Assignment((await Create.Person(client)).Id, mission.Id));

        var problem = await (await client.PostJson("/api/v1/assignments", A.Assignment((await Create.Person(client)).Id, mission.Id)))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Equal(cap.Id.ToString(), problem.GetProperty("cap").GetProperty("id").GetString());
        Assert.Equal((2, 2), (problem.GetProperty("count").GetInt32(), problem.GetProperty("limit").GetInt32()));
        Assert.Equal(2, await client.Count($"/api/v1/assignments?missionId={mission.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task HiringBanOfZeroRefusesALocallyEngagedAssignmentButNotADiplomat(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        await Create.StaffingCap(client, A.StaffingCap(mission.Id, 0) with { Category = StaffCategory.LocallyEngaged });
        var local = A.Assignment((await Create.Person(client)).Id, mission.Id) with { Category = StaffCategory.LocallyEngaged, Title = "Driver" };

        var problem = await (await client.PostJson("/api/v1/assignments", local)).ShouldBeProblem(HttpStatusCode.Conflict);
        await Create.Assignment(client, A.Assignment((await Create.Person(client)).Id, mission.Id));

        Assert.Equal((0, 0), (problem.GetProperty("count").GetInt32(), problem.GetProperty("limit").GetInt32()));
        Assert.Contains("hiring ban", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task NewCapUnderTheCurrentStaffIsListedAsABreachWithItsDeadline(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, _, _) = await Create.Posting(client);
        await Create.Assignment(client, A.Assignment((await Create.Person(client)).Id, mission.Id));
        var cap = await Create.StaffingCap(client, A.StaffingCap(mission.Id, 1) with { InForceFrom = new DateOnly(2021, 8, 1) });

        var before = await client.Get<List<CapCountDto>>($"{Url}/breaches?asOf=2021-07-31&receivingState=US");
        var after = await client.Get<List<CapCountDto>>($"{Url}/breaches?asOf=2021-08-15&receivingState=US");

        Assert.DoesNotContain(before, b => b.CapId == cap.Id);
        var breach = Assert.Single(after, b => b.CapId == cap.Id);
        Assert.Equal((2, 1, new DateOnly(2021, 8, 1), mission.Id), (breach.Count, breach.Limit, breach.Deadline, breach.MissionId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheDashboardShowsANewCapBreachAsAnAlertFromTheCapsFirstDay(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, _, _) = await Create.Posting(client);
        await Create.Assignment(client, A.Assignment((await Create.Person(client)).Id, mission.Id));
        await Create.StaffingCap(client, A.StaffingCap(mission.Id, 1) with { InForceFrom = new DateOnly(2021, 8, 1) });
        var pages = Fixture.App(provider).Accounts.PageClient(TestAccount.Registrar);

        var before = await pages.GetStringAsync(new Uri($"/?asOf=2021-07-31&missionId={mission.Id}", UriKind.Relative));
        var after = await pages.GetStringAsync(new Uri($"/?asOf=2021-08-15&missionId={mission.Id}", UriKind.Relative));

        Assert.DoesNotContain("Staffing caps exceeded", before, StringComparison.Ordinal);
        Assert.Contains("Staffing caps exceeded", after, StringComparison.Ordinal);
        Assert.Contains("Over the limit since 2021-08-01: 1 must leave or end their assignment.", after, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task EditingAnAssignmentAlreadyCountedUnderABreachedCapIsNotRefusedButExtendingItIs(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var ended = A.Assignment((await Create.Person(client)).Id, mission.Id) with { EndedOn = new DateOnly(2021, 6, 30), EndReason = EndReason.EndOfTour };
        var first = await Create.Assignment(client, ended);
        await Create.Assignment(client, A.Assignment((await Create.Person(client)).Id, mission.Id));
        await Create.StaffingCap(client, A.StaffingCap(mission.Id, 1) with { InForceFrom = new DateOnly(2021, 7, 1) });

        await (await client.PutJson($"/api/v1/assignments/{first.Id}", ended with { Title = "Counsellor", Version = first.Version })).Read<AssignmentDto>();
        var problem = await (await client.PutJson($"/api/v1/assignments/{first.Id}", ended with { EndedOn = null, EndReason = null, Version = first.Version + 1 }))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Equal(1, problem.GetProperty("limit").GetInt32());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task NegativeLimitIsRefusedNamingTheField(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);

        await (await client.PostJson(Url, A.StaffingCap(mission.Id, -1))).ShouldBeInvalid("limit", "negative");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ProtocolOfficerOfAnotherStateMayNotRecordACap(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var russia = Fixture.ClientAs(provider, TestAccount.ProtocolOfficerOfRussia);

        await (await russia.PostJson(Url, A.StaffingCap(mission.Id, 3) with { MissionId = null })).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}

public sealed class CapWarningFixture() : ApiFixture(new Dictionary<string, string> { [CapSettings.SettingName] = "Warn" });

public sealed class StaffingCapWarnModeTests(CapWarningFixture fixture) : IClassFixture<CapWarningFixture>
{
    public static TheoryData<DatabaseProvider> Providers => ApiTestBase.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task InWarnModeTheAssignmentIsCreatedAndTheBreachReturnedWithIt(DatabaseProvider provider)
    {
        var client = fixture.Client(provider);
        var (mission, _, _) = await Create.Posting(client);
        var cap = await Create.StaffingCap(client, A.StaffingCap(mission.Id, 1));

        var created = await Create.Assignment(client, A.Assignment((await Create.Person(client)).Id, mission.Id));

        Assert.Equal((cap.Id, 1, 1), (created.CapWarning!.CapId, created.CapWarning.Count, created.CapWarning.Limit));
        Assert.Equal(2, await client.Count($"/api/v1/assignments?missionId={mission.Id}"));
    }
}
