using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Forecast;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.Posts;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Tests.Forecast;

/// <summary>
/// The forecast service loads what the engine needs from the database (staff, households, pending renewals, nominees,
/// the issuing state's decisions, minimum staffing) within the caller's scope; minimum staffing levels are validated and
/// scoped. Runs once per database provider.
/// </summary>
public abstract class ForecastServiceTests<TDatabase>(TDatabase db) where TDatabase : TestDatabase
{
    private static readonly DateOnly From = new(2025, 6, 15);

    private Task<MissionForecast> ForecastAsync(Guid missionId, ForecastRequest request, AccessScope? scope = null) =>
        db.As<ForecastService, MissionForecast>(scope ?? AccessScope.System, s => s.RunAsync(missionId, request, null, default));

    private Task<MissionStaffingMinimums> SetMinimumsAsync(Guid missionId, AccessScope scope, params StaffingMinimumInput[] items) =>
        db.As<StaffingMinimumService, MissionStaffingMinimums>(scope, s => s.SetAsync(missionId, new StaffingMinimumsInput(items), default));

    private async Task<AssignmentDto> StaffAsync(Guid missionId, StaffCategory category, string issuing, DateOnly visaUntil)
    {
        var person = await db.CreatePersonAsync();
        var assignment = await db.CreateAssignmentAsync(A.Assignment(person.Id, missionId) with { Category = category });
        await db.CreateVisaAsync(A.Visa(person.Id) with { IssuingStateCode = issuing, ValidUntil = visaUntil });
        return assignment;
    }

    [Fact]
    public async Task WithNothingUncertainTheBandsCollapseOntoTheHeadcountTimeline()
    {
        var mission = await db.CreateMissionAsync(A.Mission("IT", "AT"));
        var first = await StaffAsync(mission.Id, StaffCategory.Diplomatic, "AT", new DateOnly(2025, 8, 31));
        await StaffAsync(mission.Id, StaffCategory.Diplomatic, "AT", new DateOnly(2025, 10, 31));
        await StaffAsync(mission.Id, StaffCategory.AdministrativeTechnical, "AT", new DateOnly(2026, 12, 31));
        var spouse = await db.CreatePersonAsync();
        await db.CreateFamilyMemberAsync(A.Spouse(spouse.Id, first.Id));
        await db.CreateVisaAsync(A.Visa(spouse.Id) with { IssuingStateCode = "AT", ValidUntil = new DateOnly(2025, 7, 31) });

        var forecast = await ForecastAsync(mission.Id, new ForecastRequest(From, Days: 200, Runs: 25, Seed: 7));
        var timeline = await db.With<HeadcountService, MissionHeadcountTimeline>(s => s.TimelineAsync(mission.Id, From, From.AddDays(199), default));

        Assert.Equal(timeline.Days.Select(d => (d.On, d.Members, d.Members, d.Members)), forecast.Baseline.Members.Select(b => (b.On, b.P10, b.Median, b.P90)));
        Assert.Equal(timeline.Days.Select(d => (d.On, d.Family)), forecast.Baseline.Family.Select(b => (b.On, b.Median)));
        var diplomats = forecast.Baseline.Categories.Single(c => c.Category == StaffCategory.Diplomatic).Days;
        Assert.Equal((2, 1, 0), (diplomats.Single(d => d.On == new DateOnly(2025, 8, 31)).Median, diplomats.Single(d => d.On == new DateOnly(2025, 9, 1)).Median,
            diplomats.Single(d => d.On == new DateOnly(2025, 11, 1)).Median));
        Assert.Null(forecast.ScenarioResult);
    }

    [Fact]
    public async Task LoaderGathersPendingRenewalsNomineesTheIssuingStatesRecentDecisionsAndMinimums()
    {
        var mission = await db.CreateMissionAsync(A.Mission("FR", "DE"));
        await db.With<HostPolicyService, HostPolicyDto>(s => s.CreateAsync(
            new HostPolicyInput("DE", "FR", new DateOnly(2020, 1, 1), MaxVisaValidityDays: 365, GraceDays: 30), default));
        var holder = await db.CreatePersonAsync();
        await db.CreateAssignmentAsync(A.Assignment(holder.Id, mission.Id));
        var visa = await db.CreateVisaAsync(A.Visa(holder.Id));
        var renewal = await db.With<VisaApplicationService, VisaApplicationDto>(s => s.CreateAsync(
            new VisaApplicationInput(holder.Id, VisaApplicationKind.Renewal, "D", "DE", new DateOnly(2025, 5, 1), ReplacesVisaId: visa.Id), default));
        var colleague = await db.CreatePersonAsync();
        await db.CreateAssignmentAsync(A.Assignment(colleague.Id, mission.Id));
        async Task<Guid> DecidedAsync(string issuing, DateOnly filed, DateOnly decided, VisaApplicationOutcome outcome) =>
            (await db.With<VisaApplicationService, VisaApplicationDto>(s => s.CreateAsync(
                new VisaApplicationInput(colleague.Id, VisaApplicationKind.New, "D", issuing, filed, decided, outcome), default))).Id;
        var recent = await DecidedAsync("DE", new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 1), VisaApplicationOutcome.Granted);
        var refused = await DecidedAsync("DE", new DateOnly(2023, 1, 1), new DateOnly(2023, 5, 1), VisaApplicationOutcome.Refused);
        var tooOld = await DecidedAsync("DE", new DateOnly(2021, 1, 1), new DateOnly(2021, 3, 1), VisaApplicationOutcome.Granted);
        var elsewhere = await DecidedAsync("AT", new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 1), VisaApplicationOutcome.Granted);
        var post = await db.With<PostService, PostDto>(s => s.CreatePostAsync(mission.Id));
        var nominee = await db.CreatePersonAsync();
        var application = await db.With<VisaApplicationService, VisaApplicationDto>(s => s.CreateAsync(
            new VisaApplicationInput(nominee.Id, VisaApplicationKind.New, "D", "DE", new DateOnly(2025, 6, 1)), default));
        var nomination = await db.With<NominationService, NominationDto>(s => s.CreateAsync(
            new NominationInput(post.Id, nominee.Id, new DateOnly(2025, 5, 20), application.Id, new DateOnly(2025, 9, 1)), default));
        await SetMinimumsAsync(mission.Id, AccessScope.System, new StaffingMinimumInput(StaffCategory.Diplomatic, 2));

        var (_, input, minimums) = await db.With<ForecastService, (Missions.MissionDto, ForecastInput, IReadOnlyList<StaffingMinimumDto>)>(s => s.LoadAsync(mission.Id, From, default));

        var r = Assert.Single(input.Renewals);
        // A grant runs the host's 365 days from the day after the old visa, then 30 days' grace.
        Assert.Equal((renewal.Id, holder.Id, new VisaRequest("DE", "FR", "D", new DateOnly(2025, 5, 1)), (DateOnly?)new DateOnly(2025, 8, 31), (DateOnly?)new DateOnly(2026, 10, 1)),
            (r.ApplicationId, r.PersonId, r.Request, r.ExtendsVisaUntil, r.LapsesOnIfGranted));
        var n = Assert.Single(input.Nominations);
        Assert.Equal((nomination.Id, nominee.Id, StaffCategory.Diplomatic, new VisaRequest("DE", "FR", "D", new DateOnly(2025, 6, 1)), (DateOnly?)new DateOnly(2025, 9, 1)),
            (n.NominationId, n.NomineeId, n.Category, n.Request, n.ExpectedArrivalOn));
        var history = input.History.Select(h => h.Id).ToHashSet();
        Assert.True(history.Contains(recent) && history.Contains(refused), "decisions of the three years before the start are observed");
        Assert.False(history.Contains(tooOld) || history.Contains(elsewhere) || history.Contains(renewal.Id), "older, other states' and undecided applications are not");
        Assert.Equal("FR", input.History.Single(h => h.Id == recent).ApplicantStateCode);
        Assert.Equal(2, input.Minimums[StaffCategory.Diplomatic]);
        Assert.Equal([(StaffCategory.Diplomatic, 2)], minimums.Select(m => (m.Category, m.Minimum)));
        Assert.Equal(2, input.Staff.Count);
    }

    [Fact]
    public async Task ScenarioIsRunBesideTheBaselineAndStoppingIssuingKeepsTheNomineeAway()
    {
        var mission = await db.CreateMissionAsync(A.Mission("PL", "CZ"));
        await StaffAsync(mission.Id, StaffCategory.Diplomatic, "CZ", new DateOnly(2027, 1, 31));
        var post = await db.With<PostService, PostDto>(s => s.CreatePostAsync(mission.Id));
        var nominee = await db.CreatePersonAsync();
        await db.With<NominationService, NominationDto>(s => s.CreateAsync(new NominationInput(post.Id, nominee.Id, new DateOnly(2025, 6, 1)), default));
        await SetMinimumsAsync(mission.Id, AccessScope.System, new StaffingMinimumInput(StaffCategory.Diplomatic, 2));

        var request = new ForecastRequestText("2025-06-15", "365", "200", "3", StopIssuing: "true").Parse();
        var forecast = await ForecastAsync(mission.Id, request);

        // Nothing observed for the Czech Republic: the nominee's visa is decided after the documented default, and then arrives.
        Assert.Equal(2, forecast.Baseline.Members[^1].Median);
        Assert.Equal(1, forecast.ScenarioResult!.Members[^1].P90);
        Assert.Equal(From, forecast.Scenario!.StopIssuingFrom);
        Assert.Contains("stops issuing", forecast.ScenarioDescription, StringComparison.Ordinal);
        Assert.Equal(1.0, forecast.ScenarioResult.Categories.Single(c => c.Category == StaffCategory.Diplomatic).Risk!.ProbabilityBelowByEnd);
    }

    [Fact]
    public async Task OutOfRangeOptionsAndMalformedScenarioValuesAreRejectedNamingTheirFields()
    {
        var mission = await db.CreateMissionAsync();

        var range = await Assert.ThrowsAsync<ValidationFailedException>(() => ForecastAsync(mission.Id,
            new ForecastRequest(From, Days: 0, Runs: 100_001, Scenario: new ForecastScenario(ProcessingTimeFactor: 0, RefusalRate: 1.5))));
        var text = Assert.Throws<ValidationFailedException>(() =>
            new ForecastRequestText("2025-02-30", "ten", Expel: ["5 on 2025-10-01"], Cap: ["3@2025-10-01:Butler"], ProcessingFactor: "1,5").Parse());

        Assert.Equal(["days", "processingFactor", "refusalRate", "runs"], range.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["cap", "days", "expel", "from", "processingFactor"], text.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("5@2021-10-01", text.Errors["expel"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForecastOfAMissionOutsideTheCallersScopeIsNotFound()
    {
        var mine = await db.CreateMissionAsync();
        var theirs = await db.CreateMissionAsync();
        var me = AccessScope.For(Guid.NewGuid(), [Roles.MissionAdministrator], [mine.Id], null);

        await Assert.ThrowsAsync<NotFoundException>(() => ForecastAsync(theirs.Id, new ForecastRequest(From, Days: 10, Runs: 1), me));
        Assert.Equal(mine.Id, (await ForecastAsync(mine.Id, new ForecastRequest(From, Days: 10, Runs: 1), me)).Mission.Id);
    }

    [Fact]
    public async Task MinimumsAreSetUpdatedWithTheirVersionAndRemovedAndAStaleVersionIsAConflict()
    {
        var mission = await db.CreateMissionAsync();
        var set = await SetMinimumsAsync(mission.Id, AccessScope.System,
            new StaffingMinimumInput(StaffCategory.Service, 1), new StaffingMinimumInput(StaffCategory.Diplomatic, 3));
        Assert.Equal([(StaffCategory.Diplomatic, 3, 1), (StaffCategory.Service, 1, 1)], set.Minimums.Select(m => (m.Category, m.Minimum, m.Version)));

        var updated = await SetMinimumsAsync(mission.Id, AccessScope.System, new StaffingMinimumInput(StaffCategory.Diplomatic, 4, 1), new StaffingMinimumInput(StaffCategory.Service, null, 1));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => SetMinimumsAsync(mission.Id, AccessScope.System, new StaffingMinimumInput(StaffCategory.Diplomatic, 5, 1)));
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => SetMinimumsAsync(mission.Id, AccessScope.System, new StaffingMinimumInput(StaffCategory.Diplomatic, 5)));

        Assert.Equal([(StaffCategory.Diplomatic, 4, 2)], updated.Minimums.Select(m => (m.Category, m.Minimum, m.Version)));
        Assert.Equal(["minimums[0].version"], missing.Errors.Keys);
    }

    [Fact]
    public async Task NegativeMinimumsPrivateServantsAndRepeatedCategoriesAreRejectedNamingEachItem()
    {
        var mission = await db.CreateMissionAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => SetMinimumsAsync(mission.Id, AccessScope.System,
            new StaffingMinimumInput(StaffCategory.Diplomatic, -1), new StaffingMinimumInput(StaffCategory.PrivateServant, 1),
            new StaffingMinimumInput(StaffCategory.Diplomatic, 2), new StaffingMinimumInput(null, 2)));

        Assert.Equal(["minimums[0].minimum", "minimums[1].category", "minimums[2].category", "minimums[3].category"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("private servants are not members", error.Errors["minimums[1].category"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMissionsAdministratorsAndItsHostsProtocolOfficersSetMinimumsOthersMayNot()
    {
        var mission = await db.CreateMissionAsync(A.Mission("FR", "DE"));
        var other = await db.CreateMissionAsync(A.Mission("FR", "DE"));
        var admin = AccessScope.For(Guid.NewGuid(), [Roles.MissionAdministrator], [mission.Id], null);
        var officer = AccessScope.For(Guid.NewGuid(), [Roles.ProtocolOfficer], [], "DE");
        var otherAdmin = AccessScope.For(Guid.NewGuid(), [Roles.MissionAdministrator], [other.Id], null);
        var auditor = AccessScope.For(Guid.NewGuid(), [Roles.Auditor], [], null);

        var byAdmin = await SetMinimumsAsync(mission.Id, admin, new StaffingMinimumInput(StaffCategory.Diplomatic, 3));
        var byOfficer = await SetMinimumsAsync(mission.Id, officer, new StaffingMinimumInput(StaffCategory.Diplomatic, 4, byAdmin.Minimums[0].Version));

        Assert.Equal(4, byOfficer.Minimums[0].Minimum);
        await Assert.ThrowsAsync<NotFoundException>(() => SetMinimumsAsync(mission.Id, otherAdmin, new StaffingMinimumInput(StaffCategory.Service, 1)));
        await Assert.ThrowsAsync<ForbiddenException>(() => SetMinimumsAsync(mission.Id, auditor, new StaffingMinimumInput(StaffCategory.Service, 1)));
        Assert.Equal(4, (await db.As<StaffingMinimumService, MissionStaffingMinimums>(auditor, s => s.GetAsync(mission.Id, default))).Minimums[0].Minimum);
    }
}

file static class ForecastTestData
{
    public static Task<PostDto> CreatePostAsync(this PostService posts, Guid missionId) =>
        posts.CreateAsync(new PostInput(missionId, "Counsellor", StaffCategory.Diplomatic, new DateOnly(2020, 1, 1)), default);
}

public sealed class SqliteForecastServiceTests(SqliteTestDatabase db) : ForecastServiceTests<SqliteTestDatabase>(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresForecastServiceTests(PostgresTestDatabase db) : ForecastServiceTests<PostgresTestDatabase>(db), IClassFixture<PostgresTestDatabase>;
