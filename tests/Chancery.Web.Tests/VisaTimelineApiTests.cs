using System.Net;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Visas;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class VisaTimelineApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Theory, MemberData(nameof(Providers))]
    public async Task RenewalGrantedAfterExpiryShowsTheChainTheApplicationAndTheGapBetween(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, person, _) = await Create.Posting(client);
        var old = await Create.Visa(client, A.Visa(person.Id));
        var renewed = await Create.Visa(client, A.Visa(person.Id) with
        {
            ValidFrom = new DateOnly(2021, 9, 20),
            ValidUntil = new DateOnly(2022, 9, 19),
            IssuedOn = new DateOnly(2021, 9, 20),
            ReplacesVisaId = old.Id,
        });
        var application = await Create.VisaApplication(client, A.VisaApplication(person.Id) with
        {
            DecidedOn = new DateOnly(2021, 9, 20),
            Outcome = VisaApplicationOutcome.Granted,
            ResultingVisaId = renewed.Id,
            ReplacesVisaId = old.Id,
        });

        var timeline = await client.Get<VisaTimeline>($"/api/v1/people/{person.Id}/visa-timeline?asOf=2021-10-01");

        Assert.Equal((person.Id, new DateOnly(2021, 10, 1)), (timeline.PersonId, timeline.AsOf));
        var kinds = timeline.Entries.Select(e => e.Kind).ToArray();
        // Present since 2019-09-01 with the first visa from 2020-09-04: a gap on arrival, then the one of the late renewal.
        Assert.Equal([VisaTimelineEntryKind.Gap, VisaTimelineEntryKind.Visa, VisaTimelineEntryKind.Application, VisaTimelineEntryKind.Gap, VisaTimelineEntryKind.Visa], kinds);
        Assert.Equal((old.Id, renewed.Id, VisaStatus.Expired), (timeline.Entries[1].Visa!.Id, timeline.Entries[1].Visa!.ReplacedByVisaId, timeline.Entries[1].Visa!.Status));
        Assert.Equal((renewed.Id, old.Id, VisaStatus.Valid), (timeline.Entries[4].Visa!.Id, timeline.Entries[4].Visa!.ReplacesVisaId, timeline.Entries[4].Visa!.Status));
        var decided = timeline.Entries[2].Application!;
        Assert.Equal((application.Id, VisaApplicationOutcome.Granted, 81), (decided.Id, decided.Outcome, decided.Days));
        var gap = timeline.Entries[3].Gap!;
        Assert.Equal(("US", new DateOnly(2021, 9, 4), new DateOnly(2021, 9, 19), false), (gap.ReceivingStateCode, gap.From, gap.Until, gap.Ongoing));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ApplicationDecidedAfterTheAsOfDateIsPendingThereWithItsAge(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, person, _) = await Create.Posting(client);
        await Create.Visa(client, A.Visa(person.Id));
        await Create.VisaApplication(client, A.VisaApplication(person.Id) with { DecidedOn = new DateOnly(2021, 9, 20), Outcome = VisaApplicationOutcome.Refused });

        var timeline = await client.Get<VisaTimeline>($"/api/v1/people/{person.Id}/visa-timeline?asOf=2021-08-15");

        var pending = timeline.Entries.Single(e => e.Kind == VisaTimelineEntryKind.Application).Application!;
        Assert.Equal((VisaApplicationOutcome.Pending, (DateOnly?)null, 45), (pending.Outcome, pending.DecidedOn, pending.Days));
        Assert.Equal(VisaStatus.Expiring, timeline.Entries.Single(e => e.Kind == VisaTimelineEntryKind.Visa).Visa!.Status);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TimelineOfAPersonOutsideTheCallersMissionsIsNotFound(DatabaseProvider provider)
    {
        var (_, person, _) = await Create.Posting(Fixture.Client(provider));

        await (await Fixture.ClientAs(provider, TestAccount.MissionAdministrator("timeline-elsewhere")).GetAsync($"/api/v1/people/{person.Id}/visa-timeline"))
            .ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AsOfThatIsNotADateIsRefusedNamingIt(DatabaseProvider provider)
    {
        var (_, person, _) = await Create.Posting(Fixture.Client(provider));

        var problem = await (await Fixture.Client(provider).GetAsync($"/api/v1/people/{person.Id}/visa-timeline?asOf=2021-02-30")).ShouldBeProblem(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("asOf", out _));
    }

    /// <summary>
    /// A posting in a year of its own with a United States policy for Russia giving 30 days' grace that year: a visa
    /// ending on 30 June is in grace until 30 July, then expired.
    /// </summary>
    private static async Task<(MissionDto Mission, PersonDto Person, int Year)> PostingWithGraceAsync(HttpClient client)
    {
        var policy = A.HostPolicy();
        var year = policy.InForceFrom!.Value.Year;
        await Create.HostPolicy(client, policy);
        var mission = await Create.Mission(client);
        var person = await Create.Person(client);
        await Create.Assignment(client, A.Assignment(person.Id, mission.Id) with { StartOn = new DateOnly(year, 1, 1), PlannedEndOn = null });
        await Create.Visa(client, A.Visa(person.Id) with { ValidFrom = new DateOnly(year, 1, 1), ValidUntil = new DateOnly(year, 6, 30), IssuedOn = new DateOnly(year, 1, 1) });
        return (mission, person, year);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RosterShowsAVisaAFewDaysPastExpiryInTheHostPolicysGracePeriodUntilItsLastDay(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, _, year) = await PostingWithGraceAsync(client);

        var inGrace = await client.Get<MissionRoster>($"/api/v1/missions/{mission.Id}/roster?asOf={year}-07-10");
        var lastDay = await client.Get<MissionRoster>($"/api/v1/missions/{mission.Id}/roster?asOf={year}-07-30");
        var after = await client.Get<MissionRoster>($"/api/v1/missions/{mission.Id}/roster?asOf={year}-07-31");

        var visa = Assert.Single(inGrace.Staff).Visa!;
        Assert.Equal((VisaStatus.InGracePeriod, new DateOnly(year, 7, 30)), (visa.Status, visa.GraceUntil));
        Assert.Equal(VisaStatus.InGracePeriod, Assert.Single(lastDay.Staff).Visa!.Status);
        Assert.Equal(VisaStatus.Expired, Assert.Single(after.Staff).Visa!.Status);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ProfileAndTimelineShowTheSameGracePeriodAsTheRoster(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, person, year) = await PostingWithGraceAsync(client);

        var profile = await client.Get<PersonProfile>($"/api/v1/people/{person.Id}/profile?asOf={year}-07-10");
        var timeline = await client.Get<VisaTimeline>($"/api/v1/people/{person.Id}/visa-timeline?asOf={year}-07-10");

        var visa = Assert.Single(profile.Visas);
        Assert.Equal((VisaStatus.InGracePeriod, new DateOnly(year, 7, 30)), (visa.Status, visa.GraceUntil));
        var entry = timeline.Entries.Single(e => e.Kind == VisaTimelineEntryKind.Visa).Visa!;
        Assert.Equal((VisaStatus.InGracePeriod, new DateOnly(year, 7, 30)), (entry.Status, entry.GraceUntil));
        // Grace lets the holder leave; it is not a valid visa: the days after expiry are a gap.
        Assert.Equal(new DateOnly(year, 7, 1), timeline.Entries.Single(e => e.Kind == VisaTimelineEntryKind.Gap).From);
    }
}
