using Chancery.Core.People;

namespace Chancery.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class MissionPageTests(ChanceryApp app)
{
    private readonly World _world = new(app);

    [Fact]
    public async Task RosterGroupsStaffByCategoryWithFamiliesAndCountsOnlyMembers()
    {
        var mission = await _world.MissionAsync("NO", "CA");
        var ambassador = await _world.PersonAsync("Haugen", "Ingrid");
        var diplomat = await _world.PersonAsync("Berg", "Lars");
        var spouse = await _world.PersonAsync("Berg", "Sofie");
        var child = await _world.PersonAsync("Berg", "Emil", born: new DateOnly(2012, 3, 8));
        var servant = await _world.PersonAsync("Santos", "Maria", nationality: "PH");
        await _world.AssignAsync(ambassador, mission, StaffCategory.HeadOfMission, "Ambassador");
        var post = await _world.AssignAsync(diplomat, mission, StaffCategory.Diplomatic, "First Secretary", plannedEnd: new DateOnly(2022, 8, 31));
        await _world.AssignAsync(servant, mission, StaffCategory.PrivateServant, "Housekeeper");
        await _world.FamilyAsync(spouse, post, Relationship.Spouse);
        await _world.FamilyAsync(child, post, Relationship.Child);
        await _world.VisaAsync(diplomat, "CA", "D-1", new DateOnly(2019, 9, 1), new DateOnly(2021, 9, 3));
        await _world.VisaAsync(spouse, "CA", "D-2", new DateOnly(2019, 9, 1), new DateOnly(2021, 9, 3), cancelledOn: new DateOnly(2021, 7, 1));
        var page = await app.NewPageAsync();

        var roster = await new MissionPage(page).OpenAsync(mission.Id);

        await Expect(roster.Heading).ToHaveTextAsync(mission.Label);
        await Expect(roster.Counts).ToContainTextAsync("As of 2021-08-15: 2 members of the mission, 2 family members");
        await Expect(roster.Row(roster.Category("Head of mission"), "Haugen, Ingrid")).ToContainTextAsync("Ambassador");
        var diplomatic = roster.Category("Diplomatic staff");
        await Expect(roster.Row(diplomatic, "Berg, Lars")).ToContainTextAsync("First Secretary");
        await Expect(roster.Row(diplomatic, "Berg, Lars")).ToContainTextAsync("2022-08-31");
        await Expect(roster.Row(diplomatic, "Berg, Lars")).ToContainTextAsync("D-1 valid until 2021-09-03 Expiring");
        await Expect(roster.Row(diplomatic, "Berg, Sofie")).ToContainTextAsync("Spouse of Berg, Lars");
        await Expect(roster.Row(diplomatic, "Berg, Sofie")).ToContainTextAsync("Cancelled 2021-07-01");
        await Expect(roster.Row(diplomatic, "Berg, Emil")).ToContainTextAsync("Child of Berg, Lars");
        await Expect(roster.Row(diplomatic, "Berg, Emil")).ToContainTextAsync("born 2012-03-08");
        await Expect(roster.Category("Private servants")).ToContainTextAsync("not members of the mission");

        await roster.ShowAsOfAsync(new DateOnly(2021, 9, 4));

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("asOf=2021-09-04"));
        await Expect(roster.Row(roster.Category("Diplomatic staff"), "Berg, Lars")).ToContainTextAsync("Expired");
    }

    [Fact]
    public async Task MalformedAsOfDateIsExplainedAndTodayShown()
    {
        var mission = await _world.MissionAsync();
        var page = await app.NewPageAsync();

        await page.GotoAsync($"/missions/{mission.Id}?asOf=09/03/21");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'09/03/21' is not a date; write it as yyyy-mm-dd");
        await Expect(new MissionPage(page).Counts).ToContainTextAsync("As of 2021-08-15");
    }
}
