using System.Net;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Departures;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.Reciprocity;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class ReciprocityApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Measures = "/api/v1/reciprocity/measures";

    // States no other test staffs, handed out two at a time, so each test has a pair of its own.
    private static readonly string[] Pool =
        ["KE", "TZ", "UG", "RW", "GH", "SN", "ML", "NE", "BJ", "TG", "CI", "BF", "ZM", "MW", "MZ", "NA", "BW", "LS", "MG", "MU", "SC", "CV", "GN", "SL", "LR", "MR", "TD", "CM", "GA", "AO"];
    private static int _next = -1;

    private static (string A, string B) Pair()
    {
        var i = Interlocked.Increment(ref _next) * 2 % Pool.Length;
        return (Pool[i], Pool[i + 1]);
    }

    /// <summary>A protocol officer of <paramref name="state"/> who also administers the missions it records.</summary>
    private static TestAccount Registrar(string state) =>
        new($"registrar-{state.ToLowerInvariant()}@test.example", [Core.Accounts.Roles.ProtocolOfficer, Core.Accounts.Roles.MissionAdministrator], state, GrantsNewMissions: true);

    private static ReciprocalMeasureInput Measure(string acting, string target, ReciprocalMeasureKind kind, DateOnly announced, int? magnitude = null, Guid? respondsTo = null) =>
        new(acting, target, kind, announced, Magnitude: magnitude, InResponseToId: respondsTo, Source: "note verbale");

    /// <summary>An embassy of <paramref name="sending"/> in <paramref name="receiving"/> with diplomats (spouses for the first <paramref name="spouses"/>).</summary>
    private async Task<List<AssignmentDto>> EmbassyAsync(DatabaseProvider provider, string sending, string receiving, int diplomats, int spouses = 0)
    {
        var client = Fixture.ClientAs(provider, Registrar(receiving));
        var mission = await Create.Mission(client, A.Mission() with { SendingStateCode = sending, ReceivingStateCode = receiving });
        var staff = new List<AssignmentDto>();
        for (var i = 0; i < diplomats; i++)
        {
            var assignment = await Create.Assignment(client, A.Assignment((await Create.Person(client)).Id, mission.Id));
            if (i < spouses) await Create.FamilyMember(client, A.FamilyMember((await Create.Person(client)).Id, assignment.Id));
            staff.Add(assignment);
        }
        return staff;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ParityCountsEachSideNowAndAfterPendingOrdersAndEveryRoleReadsIt(DatabaseProvider provider)
    {
        var (a, b) = Pair();
        var aInB = await EmbassyAsync(provider, a, b, diplomats: 3, spouses: 2);
        await EmbassyAsync(provider, b, a, diplomats: 1);
        // B orders one of A's diplomats (with a household) out.
        await Create.DepartureOrder(Fixture.ClientAs(provider, Registrar(b)), A.DepartureOrder(aInB[0].MissionId, [aInB[0].PersonId]));

        var parity = await Fixture.ClientAs(provider, TestAccount.Auditor).Get<Parity>($"/api/v1/parity?a={a}&b={b}&asOf=2021-09-04");
        var mirrored = await Fixture.ClientAs(provider, TestAccount.MissionAdministrator("parity-reader")).Get<Parity>($"/api/v1/parity?a={b}&b={a}&asOf=2021-09-04");

        Assert.Equal((new MemberCount(3, 2), new MemberCount(2, 1)), (parity.AInB.DiplomaticAgents, parity.AInB.Family));
        Assert.Equal((new MemberCount(1, 1), new MemberCount(0, 0)), (parity.BInA.DiplomaticAgents, parity.BInA.Family));
        Assert.Equal(new MemberCount(2, 1), parity.Gaps.DiplomaticAgents);
        Assert.StartsWith($"{Core.States.StateCodes.NameOf(a)} holds 2 more diplomats in", parity.Summary[0], StringComparison.Ordinal);
        Assert.Equal(parity.AInB.DiplomaticAgents, mirrored.BInA.DiplomaticAgents);
        Assert.Equal(parity.Summary, mirrored.Summary);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task MeasuresAndResponsesAreLedgeredByPairAndAnAnsweredMeasureIsNotDeleted(DatabaseProvider provider)
    {
        var (a, b) = Pair();
        var officerOfA = Fixture.ClientAs(provider, Registrar(a));
        var officerOfB = Fixture.ClientAs(provider, Registrar(b));
        var sanctions = await (await officerOfA.PostJson(Measures, Measure(a, b, ReciprocalMeasureKind.Sanctions, new(2021, 4, 15)))).Read<ReciprocalMeasureDto>(HttpStatusCode.Created);
        // B's officer records B's answer.
        var expulsion = await (await officerOfB.PostJson(Measures, Measure(b, a, ReciprocalMeasureKind.Expulsion, new(2021, 4, 16), 10, sanctions.Id)))
            .Read<ReciprocalMeasureDto>(HttpStatusCode.Created);

        var ledger = await Fixture.ClientAs(provider, TestAccount.Auditor).Get<Page<ReciprocalMeasureDto>>($"{Measures}?a={b}&b={a}");
        var mirror = await officerOfA.Get<MirrorMeasure>($"{Measures}/{expulsion.Id}/mirror");
        var refused = await officerOfA.DeleteAsync($"{Measures}/{sanctions.Id}");

        Assert.Equal([expulsion.Id, sanctions.Id], ledger.Items.Select(m => m.Id));
        Assert.Equal(expulsion.Id, Assert.Single(ledger.Items[1].Responses).Id);
        Assert.Equal(sanctions.Id, ledger.Items[0].InResponseTo?.Id);
        Assert.Equal(new DateOnly(2021, 4, 16), expulsion.InForceFrom);
        Assert.Equal((a, b, 0), (mirror.ActingStateCode, mirror.TargetStateCode, mirror.Magnitude));
        Assert.Contains("holds only 0 diplomats there", mirror.Basis, StringComparison.Ordinal);
        await refused.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await officerOfB.DeleteAsync($"{Measures}/{expulsion.Id}?version={expulsion.Version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await officerOfA.DeleteAsync($"{Measures}/{sanctions.Id}")).StatusCode);
        Assert.Equal(0, await officerOfA.Count($"{Measures}?a={a}&b={b}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnAmbassadorRecalledAndReturnedIsChangedWithTheVersionReadAndAStaleVersionIsAConflict(DatabaseProvider provider)
    {
        var (a, b) = Pair();
        var admin = Fixture.ClientAs(provider, TestAccount.Administrator);
        var recall = await (await admin.PostJson(Measures, Measure(a, b, ReciprocalMeasureKind.AmbassadorRecalled, new(2021, 4, 22)))).Read<ReciprocalMeasureDto>(HttpStatusCode.Created);
        var returned = Measure(a, b, ReciprocalMeasureKind.AmbassadorRecalled, new(2021, 4, 22)) with { EndedOn = new DateOnly(2021, 6, 24), Version = recall.Version };

        var updated = await (await admin.PutJson($"{Measures}/{recall.Id}", returned)).Read<ReciprocalMeasureDto>();
        var stale = await admin.PutJson($"{Measures}/{recall.Id}", returned);

        Assert.Equal((new DateOnly(2021, 6, 24), recall.Version + 1), (updated.EndedOn, updated.Version));
        await stale.ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task InvalidMeasuresAreRefusedNamingEachField(DatabaseProvider provider)
    {
        var (a, b) = Pair();
        var admin = Fixture.ClientAs(provider, TestAccount.Administrator);
        var later = await (await admin.PostJson(Measures, Measure(a, b, ReciprocalMeasureKind.Sanctions, new(2022, 1, 1)))).Read<ReciprocalMeasureDto>(HttpStatusCode.Created);

        var sameState = await admin.PostJson(Measures, Measure(a, a, ReciprocalMeasureKind.Sanctions, new(2021, 1, 1)));
        var dates = await admin.PostJson(Measures, Measure(a, b, ReciprocalMeasureKind.Sanctions, new(2021, 5, 1)) with { InForceFrom = new DateOnly(2021, 4, 1) });
        var negative = await admin.PostJson(Measures, Measure(a, b, ReciprocalMeasureKind.Expulsion, new(2021, 5, 1), -3));
        var beforeWhatItAnswers = await admin.PostJson(Measures, Measure(b, a, ReciprocalMeasureKind.Expulsion, new(2021, 5, 1), 3, later.Id));
        var itself = await admin.PutJson($"{Measures}/{later.Id}", Measure(a, b, ReciprocalMeasureKind.Sanctions, new(2022, 1, 1), respondsTo: later.Id) with { Version = later.Version });
        var noMagnitude = await admin.PostJson(Measures, Measure(a, b, ReciprocalMeasureKind.LocalHiringBan, new(2021, 5, 1), 4));

        await sameState.ShouldBeInvalid("targetStateCode", "acting state itself");
        await dates.ShouldBeInvalid("inForceFrom", "before announcedOn");
        await negative.ShouldBeInvalid("magnitude", "negative");
        await beforeWhatItAnswers.ShouldBeInvalid("inResponseToId", "cannot come before what it answers");
        await itself.ShouldBeInvalid("inResponseToId", "this measure itself");
        await noMagnitude.ShouldBeInvalid("magnitude", "not used for a local hiring ban");
        Assert.Equal(1, await admin.Count($"{Measures}?a={a}&b={b}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AProtocolOfficerRecordsOnlyMeasuresItsStateTakesOrSuffers(DatabaseProvider provider)
    {
        var (a, b) = Pair();

        var response = await Fixture.ClientAs(provider, TestAccount.ProtocolOfficer).PostJson(Measures, Measure(a, b, ReciprocalMeasureKind.Sanctions, new(2021, 4, 15)));

        await response.ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.Equal(0, await Fixture.ClientAs(provider, TestAccount.Auditor).Count($"{Measures}?a={a}&b={b}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task CapsAndPoliciesPointAtAnExistingMeasureOfTheirStateAndKeepItFromDeletion(DatabaseProvider provider)
    {
        var officer = Fixture.Client(provider);
        var measure = await (await officer.PostJson(Measures, Measure("US", "RU", ReciprocalMeasureKind.VisaReapplicationRule, new(2019, 12, 2), 3)))
            .Read<ReciprocalMeasureDto>(HttpStatusCode.Created);
        var (mission, _, _) = await Create.Posting(officer);

        var unknown = await officer.PostJson("/api/v1/staffing-caps", A.StaffingCap(mission.Id, 5) with { ReciprocalMeasureId = Guid.NewGuid() });
        var policy = await Create.HostPolicy(officer, A.HostPolicy() with { ReciprocalMeasureId = measure.Id });
        var refused = await officer.DeleteAsync($"{Measures}/{measure.Id}");

        await unknown.ShouldBeInvalid("reciprocalMeasureId", "does not match any reciprocal measure");
        Assert.Equal(measure.Id, policy.ReciprocalMeasureId);
        var problem = await refused.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Contains("Host policy of United States for Russia", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ParityAndTimelineQueriesAreCheckedNamingTheField(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        await (await client.GetAsync("/api/v1/parity?a=US&b=US")).ShouldBeInvalid("b", "same state as a");
        await (await client.GetAsync("/api/v1/parity?a=US&b=RU&asOf=2021-02-30")).ShouldBeInvalid("asOf", "");
        await (await client.GetAsync("/api/v1/parity?a=XX&b=RU")).ShouldBeInvalid("a", "not an ISO 3166-1 alpha-2 code");
        await (await client.GetAsync("/api/v1/parity/timeline?a=US&b=RU&from=2010-01-01&to=2021-01-01")).ShouldBeInvalid("to", "more than 5 years after from");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TimelineChainsTheResponsesAndCountsBothSidesOnEachDay(DatabaseProvider provider)
    {
        var (a, b) = Pair();
        await EmbassyAsync(provider, a, b, diplomats: 2);
        var admin = Fixture.ClientAs(provider, TestAccount.Administrator);
        var first = await (await admin.PostJson(Measures, Measure(a, b, ReciprocalMeasureKind.Sanctions, new(2021, 4, 15)))).Read<ReciprocalMeasureDto>(HttpStatusCode.Created);
        var answer = await (await admin.PostJson(Measures, Measure(b, a, ReciprocalMeasureKind.Expulsion, new(2021, 4, 16), 2, first.Id))).Read<ReciprocalMeasureDto>(HttpStatusCode.Created);

        var timeline = await admin.Get<ParityTimeline>($"/api/v1/parity/timeline?a={a}&b={b}&from=2019-08-30&to=2019-09-02");

        var wider = await admin.Get<ParityTimeline>($"/api/v1/parity/timeline?a={a}&b={b}&from=2021-01-01&to=2021-12-31");
        Assert.Equal([0, 0, 2, 2], timeline.Points.Select(p => p.AInB));
        Assert.All(timeline.Points, p => Assert.Equal(0, p.BInA));
        Assert.Empty(timeline.Chains);
        Assert.Equal([(first.Id, 0), (answer.Id, 1)], Assert.Single(wider.Chains).Steps.Select(s => (s.Measure.Id, s.Depth)));
    }
}
