using System.Net;
using System.Text.Json;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Visas;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class RosterAndProfileTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    /// <summary>
    /// A mission on the reference date: an ambassador, a first secretary whose visa ends on 3 September with a
    /// spouse at post, a driver who left on 1 August, and an attaché arriving in October.
    /// </summary>
    private sealed record Embassy(MissionDto Mission, AssignmentDto Ambassador, AssignmentDto Secretary, PersonDto Spouse, AssignmentDto Driver, AssignmentDto Attache);

    private static async Task<Embassy> SeedAsync(HttpClient client)
    {
        var mission = await Create.Mission(client);
        async Task<AssignmentDto> Assign(Func<AssignmentInput, AssignmentInput> change) =>
            await Create.Assignment(client, change(A.Assignment((await Create.Person(client)).Id, mission.Id)));

        var ambassador = await Assign(a => a with { Category = StaffCategory.HeadOfMission, Title = "Ambassador", StartOn = new DateOnly(2017, 9, 5) });
        await Create.Visa(client, A.Visa(ambassador.PersonId) with { ValidUntil = new DateOnly(2022, 9, 4) });
        var secretary = await Assign(a => a);
        await Create.Visa(client, A.Visa(secretary.PersonId));
        var spouse = await Create.Person(client);
        await Create.FamilyMember(client, A.FamilyMember(spouse.Id, secretary.Id));
        await Create.Visa(client, A.Visa(spouse.Id) with { CancelledOn = new DateOnly(2021, 7, 20) });
        var driver = await Assign(a => a with { Category = StaffCategory.Service, Title = "Driver", EndedOn = new DateOnly(2021, 8, 1), EndReason = EndReason.AskedToLeave });
        var attache = await Assign(a => a with { Category = StaffCategory.Diplomatic, Title = "Attaché", StartOn = new DateOnly(2021, 10, 1) });
        return new(mission, ambassador, secretary, spouse, driver, attache);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RosterShowsWhoServesTodayWithFamiliesAndVisaStatus(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var embassy = await SeedAsync(client);

        var json = await client.Get<JsonElement>($"/api/v1/missions/{embassy.Mission.Id}/roster");
        var roster = json.Deserialize<MissionRoster>(Api.Json)!;

        Assert.Equal(new DateOnly(2021, 8, 15), roster.AsOf);
        Assert.Equal([embassy.Ambassador.Id, embassy.Secretary.Id], roster.Staff.Select(s => s.AssignmentId));
        Assert.Equal(VisaStatus.Valid, roster.Staff[0].Visa?.Status);
        var secretary = roster.Staff[1];
        Assert.Equal(VisaStatus.Expiring, secretary.Visa?.Status);
        var spouse = Assert.Single(secretary.Family);
        Assert.Equal((embassy.Spouse.Id, Relationship.Spouse, VisaStatus.Cancelled), (spouse.PersonId, spouse.Relationship, spouse.Visa?.Status));
        Assert.Equal((2, 1), (json.GetProperty("memberCount").GetInt32(), json.GetProperty("familyCount").GetInt32()));
        Assert.Equal(2, (await client.Get<MissionDto>($"/api/v1/missions/{embassy.Mission.Id}")).StaffCount);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RosterReplaysThePastAndProjectsTheFuture(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var embassy = await SeedAsync(client);

        var july = await client.Get<MissionRoster>($"/api/v1/missions/{embassy.Mission.Id}/roster?asOf=2021-07-01");
        var october = await client.Get<MissionRoster>($"/api/v1/missions/{embassy.Mission.Id}/roster?asOf=2021-10-01");

        Assert.Equal([embassy.Ambassador.Id, embassy.Secretary.Id, embassy.Driver.Id], july.Staff.Select(s => s.AssignmentId));
        Assert.Equal(VisaStatus.Valid, july.Staff[1].Family.Single().Visa?.Status);
        Assert.Equal(new DateOnly(2021, 10, 1), october.AsOf);
        Assert.Equal(embassy.Ambassador.Id, october.Staff[0].AssignmentId);
        Assert.Equal(new[] { embassy.Attache.Id, embassy.Secretary.Id }.Order(), october.Staff.Skip(1).Select(s => s.AssignmentId).Order());
        Assert.Equal(VisaStatus.Expired, october.Staff.Single(s => s.AssignmentId == embassy.Secretary.Id).Visa?.Status);
        Assert.Null(october.Staff.Single(s => s.AssignmentId == embassy.Attache.Id).Visa);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ProfileShowsAssignmentsHouseholdAndVisasAsOfADate(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var embassy = await SeedAsync(client);

        var today = await client.Get<PersonProfile>($"/api/v1/people/{embassy.Secretary.PersonId}/profile");
        var afterDeadline = await client.Get<PersonProfile>($"/api/v1/people/{embassy.Secretary.PersonId}/profile?asOf=2021-09-04");
        var spouse = await client.Get<PersonProfile>($"/api/v1/people/{embassy.Spouse.Id}/profile");

        Assert.Equal((embassy.Secretary.PersonId, new DateOnly(2021, 8, 15)), (today.Person.Id, today.AsOf));
        Assert.Equal(embassy.Secretary.Id, Assert.Single(today.Assignments).Id);
        Assert.Equal(embassy.Spouse.Id, Assert.Single(today.Household).PersonId);
        Assert.Empty(today.MemberOf);
        Assert.Equal(VisaStatus.Expiring, Assert.Single(today.Visas).Status);
        Assert.Equal(VisaStatus.Expired, Assert.Single(afterDeadline.Visas).Status);
        Assert.Equal(embassy.Secretary.PersonId, Assert.Single(spouse.MemberOf).PrincipalPersonId);
        Assert.Empty(spouse.Assignments);
        Assert.Equal(VisaStatus.Cancelled, Assert.Single(spouse.Visas).Status);
    }
}
