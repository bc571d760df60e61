using System.Net;
using Chancery.Core.Accounts;
using Chancery.Core.Calendar;
using Chancery.Core.Data;
using Chancery.Web.Features.Calendar;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class CalendarFeedTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private HttpClient Anonymous(DatabaseProvider provider) => Fixture.ClientAs(provider, null);

    private static async Task<Ical.Net.Calendar> Feed(HttpResponseMessage response)
    {
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        return Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<CalendarFeedCreated> CreateFeed(HttpClient client) =>
        await (await client.PostJson("/api/v1/calendar-feeds", new CalendarFeedInput("phone"))).Read<CalendarFeedCreated>(HttpStatusCode.Created);

    [Theory, MemberData(nameof(Providers))]
    public async Task MissionFeedHoldsEachDeadlineAsAnAllDayEventWithAReminderAndStableUids(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        // Tuvalu's missions are this test's own, so the policy binds nobody else's alerts.
        var mission = await Create.Mission(client, A.Mission() with { SendingStateCode = "TV" });
        var person = await Create.Person(client);
        await Create.Assignment(client, A.Assignment(person.Id, mission.Id));
        var visa = await Create.Visa(client, A.Visa(person.Id));
        await Create.HostPolicy(client, new("US", "TV", new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31), ReapplyAfterYears: 2, RenewalLeadDays: 60));
        var order = await Create.DepartureOrder(client, A.DepartureOrder(mission.Id, [person.Id]) with { LeaveBy = new DateOnly(2021, 8, 31) });
        var feed = await CreateFeed(client);

        var calendar = await Feed(await Anonymous(provider).GetAsync($"/calendar/{feed.Token}/missions/{mission.Id}.ics"));
        var again = await Feed(await Anonymous(provider).GetAsync(feed.MissionUrlTemplate.Replace("{missionId}", mission.Id.ToString(), StringComparison.Ordinal)));

        var events = calendar.Events.OrderBy(e => e.DtStart!.Date).ToList();
        Assert.Equal(
            [
                (new DateOnly(2021, 7, 5), $"renewal-lead-{visa.Id:N}@chancery"),
                (new DateOnly(2021, 8, 31), $"leave-by-{order.Id:N}-{person.Id:N}@chancery"),
                (new DateOnly(2021, 9, 1), $"reapplication-{visa.Id:N}@chancery"),
                (new DateOnly(2021, 9, 3), $"visa-expiry-{visa.Id:N}@chancery"),
            ],
            events.Select(e => (e.DtStart!.Date, e.Uid!)));
        Assert.All(events, e =>
        {
            Assert.False(e.DtStart!.HasTime);
            Assert.Equal(e.DtStart.Date.AddDays(1), e.DtEnd!.Date);
            var alarm = Assert.Single(e.Alarms);
            Assert.Equal("DISPLAY", alarm.Action);
            Assert.Equal("-P7D", alarm.Trigger!.Duration!.Value.ToString());
        });
        Assert.Contains(events, e => e.Summary!.StartsWith("Leave by", StringComparison.Ordinal));
        Assert.Equal(events.Select(e => e.Uid).Order(), again.Events.Select(e => e.Uid).Order());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RevokedAddressAndAMissionOutsideTheOwnersScopeAnswerNotFound(DatabaseProvider provider)
    {
        var registrar = Fixture.Client(provider);
        var (own, ownPerson, _) = await Create.Posting(registrar);
        await Create.Visa(registrar, A.Visa(ownPerson.Id));
        var (other, otherPerson, _) = await Create.Posting(registrar);
        await Create.Visa(registrar, A.Visa(otherPerson.Id));
        var account = TestAccount.MissionAdministrator($"calendar-{provider}".ToLowerInvariant());
        await Fixture.App(provider).Accounts.GrantMissionAsync(account, own.Id);
        var admin = Fixture.ClientAs(provider, account);
        var feed = await CreateFeed(admin);
        var anonymous = Anonymous(provider);

        var everything = await Feed(await anonymous.GetAsync(new Uri(feed.Url).PathAndQuery));
        using var otherMission = await anonymous.GetAsync($"/calendar/{feed.Token}/missions/{other.Id}.ics");
        using var someoneElsesRevoke = await registrar.DeleteAsync($"/api/v1/calendar-feeds/{feed.Feed.Id}");
        await (await admin.DeleteAsync($"/api/v1/calendar-feeds/{feed.Feed.Id}")).ShouldHaveStatus(HttpStatusCode.NoContent);
        using var revoked = await anonymous.GetAsync($"/calendar/{feed.Token}.ics");
        using var revokedMission = await anonymous.GetAsync($"/calendar/{feed.Token}/missions/{own.Id}.ics");
        using var made = await anonymous.GetAsync($"/calendar/{new string('A', 43)}.ics");
        var listed = await admin.Get<List<CalendarFeedDto>>("/api/v1/calendar-feeds");

        Assert.Contains(everything.Events, e => e.Uid!.Contains(ownPerson.Id.ToString("N"), StringComparison.Ordinal) || e.Location == own.Label);
        Assert.All(everything.Events, e => Assert.Equal(own.Label, e.Location));
        Assert.Equal(HttpStatusCode.NotFound, otherMission.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, someoneElsesRevoke.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (revoked.StatusCode, revokedMission.StatusCode, made.StatusCode));
        Assert.NotNull(Assert.Single(listed, f => f.Id == feed.Feed.Id).RevokedAt);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DisabledAccountsAddressStopsWorking(DatabaseProvider provider)
    {
        var registrar = Fixture.Client(provider);
        var (mission, _, _) = await Create.Posting(registrar);
        var account = TestAccount.MissionAdministrator($"calendar-disabled-{provider}".ToLowerInvariant());
        await Fixture.App(provider).Accounts.GrantMissionAsync(account, mission.Id);
        var feed = await CreateFeed(Fixture.ClientAs(provider, account));
        var userId = await Fixture.App(provider).Accounts.EnsureAsync(account);

        using var before = await Anonymous(provider).GetAsync($"/calendar/{feed.Token}.ics");
        await (await Fixture.ClientAs(provider, TestAccount.Administrator).PutJson($"/api/v1/users/{userId}", new UserUpdateInput(IsDisabled: true)))
            .ShouldHaveStatus(HttpStatusCode.OK);
        using var after = await Anonymous(provider).GetAsync($"/calendar/{feed.Token}.ics");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (before.StatusCode, after.StatusCode));
    }
}
