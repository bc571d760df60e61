using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Reciprocity;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class WorldParityApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/parity/world";
    private static readonly DateOnly AsOf = new(2021, 8, 15);

    /// <summary>A protocol officer of <paramref name="state"/> who also administers the missions it records there.</summary>
    private static TestAccount Registrar(string state) =>
        new($"world-registrar-{state.ToLowerInvariant()}@test.example", [Roles.ProtocolOfficer, Roles.MissionAdministrator], state, GrantsNewMissions: true);

    private static async Task<Guid> MissionAsync(HttpClient client, string sending, string receiving, DateOnly? closedOn = null) =>
        (await Create.Mission(client, A.Mission() with { SendingStateCode = sending, ReceivingStateCode = receiving, ClosedOn = closedOn })).Id;

    /// <summary>A new person at the mission in the category, from <paramref name="start"/> (2019-09-01) to <paramref name="ended"/>.</summary>
    private static async Task<Guid> StaffAsync(HttpClient client, Guid mission, StaffCategory category, DateOnly? start = null, DateOnly? ended = null)
    {
        var person = await Create.Person(client);
        var input = A.Assignment(person.Id, mission) with { Category = category, StartOn = start ?? new DateOnly(2019, 9, 1), EndedOn = ended };
        if (ended is not null) input = input with { EndReason = EndReason.EndOfTour, PlannedEndOn = null };
        return (await Create.Assignment(client, input)).Id;
    }

    private static async Task FamilyAsync(HttpClient client, Guid assignment, DateOnly? ended = null)
    {
        var person = await Create.Person(client);
        await Create.FamilyMember(client, A.FamilyMember(person.Id, assignment) with { EndedOn = ended });
    }

    /// <summary>
    /// A state S and two counterparts on 2021-08-15 (e.g. Tuvalu, Nauru, Kiribati). S's embassy in the first: a diplomat with his spouse, an
    /// administrative officer, a private servant (with a household, not counted), one who left in June and one who starts
    /// in October. The first's embassy in S: its head, three diplomats and a driver, one spouse present and one gone, and a
    /// consulate closed in 2020. The second: one diplomat in S, and no mission of S there.
    /// </summary>
    private async Task WorldAsync(DatabaseProvider provider, string s, string c1, string c2)
    {
        var client = Fixture.ClientAs(provider, Registrar(c1));
        var abroad = await MissionAsync(client, s, c1);
        await FamilyAsync(client, await StaffAsync(client, abroad, StaffCategory.Diplomatic));
        await StaffAsync(client, abroad, StaffCategory.AdministrativeTechnical);
        await FamilyAsync(client, await StaffAsync(client, abroad, StaffCategory.PrivateServant));
        await FamilyAsync(client, await StaffAsync(client, abroad, StaffCategory.Diplomatic, ended: new DateOnly(2021, 6, 30)));
        await StaffAsync(client, abroad, StaffCategory.Diplomatic, start: new DateOnly(2021, 10, 1));

        client = Fixture.ClientAs(provider, Registrar(s));
        var atHome = await MissionAsync(client, c1, s);
        await FamilyAsync(client, await StaffAsync(client, atHome, StaffCategory.HeadOfMission));
        await FamilyAsync(client, await StaffAsync(client, atHome, StaffCategory.Diplomatic), ended: new DateOnly(2021, 1, 31));
        await StaffAsync(client, atHome, StaffCategory.Diplomatic);
        await StaffAsync(client, atHome, StaffCategory.Diplomatic);
        await StaffAsync(client, atHome, StaffCategory.Service);
        await MissionAsync(client, c1, s, closedOn: new DateOnly(2020, 12, 31));

        await StaffAsync(client, await MissionAsync(client, c2, s), StaffCategory.Diplomatic);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task WorldViewCountsMissionsMembersDiplomatsAndFamiliesEachWayLargestGapFirst(DatabaseProvider provider)
    {
        // Each provider has its own database; states no other test uses keep the view to this test's missions.
        var (s, c1, c2) = ("TV", "NR", "KI");
        await WorldAsync(provider, s, c1, c2);

        var view = await Fixture.ClientAs(provider, TestAccount.Auditor).Get<WorldParity>($"{Url}?state={s.ToLowerInvariant()}&asOf=2021-08-15");
        // The state's protocol officer sees the missions it receives only: the counterparts' side, none of the state's own abroad.
        var officers = await Fixture.ClientAs(provider, Registrar(s)).Get<WorldParity>($"{Url}?state={s}&asOf=2021-08-15");

        Assert.Equal((s, AsOf, 2, 2), (view.State, view.AsOf, view.Total, view.Counterparts.Count));
        Assert.Equal([c1, c2], view.Counterparts.Select(r => r.CounterpartCode));
        var nauru = view.Counterparts[0];
        Assert.Equal(new WorldSide(1, 2, 1, 1), nauru.Abroad);
        Assert.Equal(new WorldSide(1, 5, 4, 1), nauru.AtHome);
        Assert.Equal(3, nauru.Gap);
        Assert.Equal($"Nauru holds 3 more members in {view.StateName} than {view.StateName} holds in Nauru (5 against 2).", nauru.Summary);
        var kiribati = view.Counterparts[1];
        Assert.Equal((WorldSide.None, new WorldSide(1, 1, 1, 0), 1), (kiribati.Abroad, kiribati.AtHome, kiribati.Gap));
        Assert.EndsWith($"{view.StateName} has no mission in Kiribati.", kiribati.Summary, StringComparison.Ordinal);
        Assert.Equal(new WorldParityTotals(2, new WorldSide(1, 2, 1, 1), new WorldSide(2, 6, 5, 1)), view.Totals);
        Assert.Equal(new WorldParityTotals(2, WorldSide.None, new WorldSide(2, 6, 5, 1)), officers.Totals);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task WorldViewIsPagedAndAnEarlierDateCountsThoseThenAtPost(DatabaseProvider provider)
    {
        var client = Fixture.ClientAs(provider, TestAccount.Auditor);
        var (s, c1, c2) = ("TO", "WS", "FJ");
        await WorldAsync(provider, s, c1, c2);

        var second = await client.Get<WorldParity>($"{Url}?state={s}&asOf=2021-08-15&pageSize=1&page=2");
        var before = await client.Get<WorldParity>($"{Url}?state={s}&asOf=2021-03-01");

        Assert.Equal((2, 2, 1), (second.Total, second.PageNumber, second.PageSize));
        Assert.Equal(c2, Assert.Single(second.Counterparts).CounterpartCode);
        Assert.Equal(new WorldParityTotals(2, new WorldSide(1, 2, 1, 1), new WorldSide(2, 6, 5, 1)), second.Totals);
        // On 2021-03-01 the diplomat who left in June was still at post with his household; the consulate had already closed.
        var samoa = before.Counterparts.Single(r => r.CounterpartCode == c1);
        Assert.Equal((new WorldSide(1, 3, 2, 2), new WorldSide(1, 5, 4, 1)), (samoa.Abroad, samoa.AtHome));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UnknownOrMissingStateAndMalformedDateOrPageAreRefusedNamingTheField(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        var unknown = await (await client.GetAsync($"{Url}?state=ZZ")).ShouldBeInvalid("state");
        var missing = await (await client.GetAsync(Url)).ShouldBeInvalid("state");
        await (await client.GetAsync($"{Url}?state=US&asOf=15.08.2021")).ShouldBeInvalid("asOf");
        await (await client.GetAsync($"{Url}?state=US&pageSize=501")).ShouldBeInvalid("pageSize");

        Assert.Contains("'ZZ' is not an ISO 3166-1 alpha-2 code", unknown["state"].Single(), StringComparison.Ordinal);
        Assert.Contains("state is required", missing["state"].Single(), StringComparison.Ordinal);
    }
}
