using System.Net;
using Chancery.Core.Data;
using Chancery.Core.Departures;
using Chancery.Core.People;
using Chancery.Core.Posts;
using Chancery.Core.Visas;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class PostsApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Posts = "/api/v1/posts", Nominations = "/api/v1/nominations";

    [Theory, MemberData(nameof(Providers))]
    public async Task PostVacatedByItsHolderShowsAsVacantWithNoNomineeThenWithTheNomineesVisaPendingDays(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, holder, assignment) = await Create.Posting(client);
        var post = await Create.Post(client, A.Post(mission.Id, assignment.Id));
        Assert.Equal((false, holder.Id), (post.Vacant, post.Holder?.PersonId));

        // Linking the holder changed the assignment: its version moved on.
        var linked = await client.Get<AssignmentDto>($"/api/v1/assignments/{assignment.Id}");
        Assert.Equal(assignment.Version + 1, linked.Version);
        await (await client.PutJson($"/api/v1/assignments/{assignment.Id}", A.Assignment(holder.Id, mission.Id) with
        {
            EndedOn = new DateOnly(2021, 7, 31),
            EndReason = EndReason.EndOfTour,
            Version = linked.Version,
        })).ShouldHaveStatus(HttpStatusCode.OK);
        var report = await client.Get<MissionVacancies>($"/api/v1/missions/{mission.Id}/vacancies?on=2021-08-15");
        var vacancy = Assert.Single(report.Vacancies);
        Assert.Equal((post.Id, true, new DateOnly(2021, 8, 1), "no nominee", holder.Id), (vacancy.PostId, vacancy.Vacant, vacancy.VacantFrom, vacancy.Replacement, vacancy.HolderPersonId));

        var nominee = await Create.Person(client);
        var application = await Create.VisaApplication(client, A.VisaApplication(nominee.Id) with { Kind = VisaApplicationKind.New, FiledOn = new DateOnly(2021, 8, 3) });
        var nomination = await Create.Nomination(client, A.Nomination(post.Id, nominee.Id, application.Id));
        Assert.Equal((NominationStatus.Proposed, NominationStatus.VisaPending), (nomination.RecordedStatus, (await client.Get<NominationDto>($"{Nominations}/{nomination.Id}?asOf=2021-08-15")).Status));

        vacancy = Assert.Single((await client.Get<MissionVacancies>($"/api/v1/missions/{mission.Id}/vacancies?on=2021-08-15")).Vacancies);
        Assert.Equal(("nominee, visa pending 12 days", nominee.Id), (vacancy.Replacement, vacancy.Nominee?.NomineeId));
        var listed = Assert.Single((await client.Get<MissionPosts>($"{Posts}?missionId={mission.Id}&asOf=2021-08-15")).Posts);
        Assert.Equal((true, new DateOnly(2021, 8, 1), (Guid?)null), (listed.Vacant, listed.VacantSince, listed.Holder?.PersonId));
        Assert.Equal(assignment.Id, Assert.Single(listed.Holders).AssignmentId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task HeadcountCountsOrderedOutVisaLapsedAndArrivingAndExplainsItself(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, first, firstAssignment) = await Create.Posting(client);
        var spouse = await Create.Person(client);
        await Create.FamilyMember(client, A.FamilyMember(spouse.Id, firstAssignment.Id));
        var second = await Create.Person(client);
        await Create.Assignment(client, A.Assignment(second.Id, mission.Id));
        await Create.Visa(client, A.Visa(second.Id));
        var third = await Create.Person(client);
        var thirdAssignment = await Create.Assignment(client, A.Assignment(third.Id, mission.Id) with { Category = StaffCategory.Service, Title = "Driver" });
        await Fixture.WithDbAsync(provider, async db =>
        {
            db.DepartureOrders.Add(new DepartureOrder
            {
                MissionId = mission.Id,
                Kind = DepartureOrderKind.AskedToLeave,
                IssuedOn = new DateOnly(2021, 7, 1),
                LeaveBy = new DateOnly(2021, 9, 3),
                Persons = [new DepartureOrderPerson { PersonId = first.Id, AssignmentId = firstAssignment.Id }],
            });
            return await db.SaveChangesAsync();
        });
        var post = await Create.Post(client, A.Post(mission.Id, thirdAssignment.Id) with { Category = StaffCategory.Service });
        await (await client.PutJson($"/api/v1/assignments/{thirdAssignment.Id}", A.Assignment(third.Id, mission.Id) with
        {
            Category = StaffCategory.Service,
            Title = "Driver",
            EndedOn = new DateOnly(2021, 7, 31),
            EndReason = EndReason.Resigned,
            Version = (await client.Get<AssignmentDto>($"/api/v1/assignments/{thirdAssignment.Id}")).Version,
        })).ShouldHaveStatus(HttpStatusCode.OK);
        var nominee = await Create.Person(client);
        var granted = await Create.VisaApplication(client, A.VisaApplication(nominee.Id) with
        {
            Kind = VisaApplicationKind.New,
            FiledOn = new DateOnly(2021, 8, 3),
            Outcome = VisaApplicationOutcome.Granted,
            DecidedOn = new DateOnly(2021, 9, 1),
        });
        await Create.Nomination(client, A.Nomination(post.Id, nominee.Id, granted.Id));

        var before = await client.Get<MissionHeadcount>($"/api/v1/missions/{mission.Id}/headcount?on=2021-08-15");
        var after = await client.Get<MissionHeadcount>($"/api/v1/missions/{mission.Id}/headcount?on=2021-10-01");

        Assert.Equal((2, 1, "present 2"), (before.Headcount.Members.Count, before.Headcount.Family.Count, before.Headcount.Members.Explanation));
        Assert.Equal((1, 0), (after.Headcount.Members.Count, after.Headcount.Family.Count));
        Assert.Equal("present 2, ordered out 1, visa lapsed 1, arriving 1", after.Headcount.Members.Explanation);
        Assert.Equal("present 1, ordered out 1", after.Headcount.Family.Explanation);
        Assert.Equal([(StaffCategory.Diplomatic, 0), (StaffCategory.Service, 1)], after.Headcount.Categories.Select(c => (c.Category, c.Count.Count)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TimelineGivesEveryDayAndRefusesSpansOverFiveYearsNamingTo(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, _) = await Create.Posting(client);
        await Create.Visa(client, A.Visa(person.Id));
        var url = $"/api/v1/missions/{mission.Id}/headcount/timeline";

        var timeline = await client.Get<MissionHeadcountTimeline>($"{url}?from=2021-09-01&to=2021-09-06");

        Assert.Equal([1, 1, 1, 0, 0, 0], timeline.Days.Select(d => d.Members));
        await (await client.GetAsync($"{url}?from=2021-01-01&to=2026-01-02")).ShouldBeInvalid("to", "5 years");
        await (await client.GetAsync($"{url}?from=2021-01-02&to=2021-01-01")).ShouldBeInvalid("to", "before from");
        await (await client.GetAsync($"{url}?to=2021-01-01")).ShouldBeInvalid("from", "required");
        await (await client.GetAsync($"{url}?from=2021-02-30&to=2021-03-01")).ShouldBeInvalid("from", "2021-02-30");
        Assert.Equal(1827, (await client.Get<MissionHeadcountTimeline>($"{url}?from=2021-01-01&to=2026-01-01")).Days.Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task BadQueryValuesAreRefusedNamingTheField(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);

        await (await client.GetAsync($"/api/v1/missions/{mission.Id}/headcount?on=09/03/2021")).ShouldBeInvalid("on", "09/03/2021");
        await (await client.GetAsync($"/api/v1/missions/{mission.Id}/vacancies?within=400")).ShouldBeInvalid("within", "0 to 366");
        await (await client.GetAsync($"/api/v1/missions/{mission.Id}/vacancies?within=soon")).ShouldBeInvalid("within", "whole number");
        await (await client.GetAsync(Posts)).ShouldBeInvalid("missionId", "required");
        await (await client.GetAsync($"/api/v1/missions/{Guid.NewGuid()}/headcount")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task BadPostsAndNominationsAreRefusedNamingTheFieldAndNothingIsWritten(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, _, assignment) = await Create.Posting(client);
        var (_, _, elsewhere) = await Create.Posting(client);
        var held = await Create.Post(client, A.Post(mission.Id, assignment.Id));
        var nominee = await Create.Person(client);

        await (await client.PostJson(Posts, A.Post(mission.Id) with { AbolishedOn = new DateOnly(2009, 1, 1) })).ShouldBeInvalid("abolishedOn", "before establishedOn");
        await (await client.PostJson(Posts, A.Post(mission.Id, elsewhere.Id))).ShouldBeInvalid("holderAssignmentId", "not an assignment at this mission");
        await (await client.PostJson(Posts, A.Post(mission.Id) with { Title = " ", Category = null })).ShouldBeInvalid(["category", "title"]);
        // The holder's tour ends 2022-08-31: more than a year after the nomination, so the post is not about to be vacant.
        await (await client.PostJson(Nominations, A.Nomination(held.Id, nominee.Id))).ShouldBeInvalid("postId", "vacant or about to be");
        await (await client.PostJson(Nominations, A.Nomination(held.Id, nominee.Id) with { Status = NominationStatus.VisaPending })).ShouldBeInvalid("status", "derived from the linked visa application");
        var foreign = await Create.VisaApplication(client, A.VisaApplication((await Create.Person(client)).Id));
        await (await client.PostJson(Nominations, A.Nomination(held.Id, nominee.Id, foreign.Id))).ShouldBeInvalid("visaApplicationId", "not a visa application of nominee");
        await (await client.PostJson(Nominations, A.Nomination(held.Id, nominee.Id) with { ExpectedArrivalOn = new DateOnly(2021, 1, 1) })).ShouldBeInvalid("expectedArrivalOn", "before nominatedOn");

        Assert.Single((await client.Get<MissionPosts>($"{Posts}?missionId={mission.Id}")).Posts);
        Assert.Empty(await client.Get<IReadOnlyList<NominationDto>>($"{Nominations}?missionId={mission.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnotherMissionsAdministratorCannotSeeItsPostsOrHeadcountAndAProtocolOfficerCannotWriteThem(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, _, _) = await Create.Posting(client);
        var post = await Create.Post(client, A.Post(mission.Id));
        var outsider = TestAccount.MissionAdministrator($"posts-outsider-{provider}");
        await Fixture.App(provider).Accounts.GrantMissionAsync(outsider, (await Create.Mission(client)).Id);
        var other = Fixture.ClientAs(provider, outsider);

        await (await other.GetAsync($"{Posts}/{post.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/missions/{mission.Id}/headcount")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/missions/{mission.Id}/vacancies")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await other.PutJson($"{Posts}/{post.Id}", A.Post(mission.Id) with { Version = post.Version })).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await other.PostJson(Posts, A.Post(mission.Id))).ShouldBeInvalid("missionId", "does not match any mission");
        var protocol = Fixture.ClientAs(provider, TestAccount.ProtocolOfficer);
        Assert.Equal(post.Id, (await protocol.Get<PostDto>($"{Posts}/{post.Id}")).Id);
        await (await protocol.PostJson(Posts, A.Post(mission.Id))).ShouldHaveStatus(HttpStatusCode.Forbidden);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task StaleUpdateIsAConflictAndAPostWithANominationCannotBeDeleted(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var post = await Create.Post(client, A.Post(mission.Id));
        var renamed = await (await client.PutJson($"{Posts}/{post.Id}", A.Post(mission.Id) with { Title = "Counsellor", Version = post.Version })).Read<PostDto>();

        await (await client.PutJson($"{Posts}/{post.Id}", A.Post(mission.Id) with { Title = "Attaché", Version = post.Version })).ShouldBeProblem(HttpStatusCode.Conflict);
        var nomination = await Create.Nomination(client, A.Nomination(post.Id, (await Create.Person(client)).Id));
        await (await client.DeleteAsync($"{Posts}/{post.Id}")).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await client.DeleteAsync($"{Nominations}/{nomination.Id}?version={nomination.Version}")).ShouldHaveStatus(HttpStatusCode.NoContent);
        await (await client.DeleteAsync($"{Posts}/{post.Id}?version={renamed.Version}")).ShouldHaveStatus(HttpStatusCode.NoContent);
        await (await client.GetAsync($"{Posts}/{post.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
