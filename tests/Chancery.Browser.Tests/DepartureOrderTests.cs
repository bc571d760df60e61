using Chancery.Core.People;

namespace Chancery.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DepartureOrderTests(ChanceryApp app)
{
    private readonly World _world = new(app);

    [Fact]
    public async Task OrderNamingThreePeopleIsIssuedInOneFormShowsTwoDepartedAndTheThirdRescinded()
    {
        var mission = await _world.MissionAsync("CA", "NO");
        var names = new[] { ("Tremblay", "Luc"), ("Roy", "Anne"), ("Gagnon", "Marc") };
        foreach (var (family, given) in names)
            await _world.AssignAsync(await _world.PersonAsync(family, given, nationality: "CA"), mission, StaffCategory.Diplomatic, "Counsellor");
        var stays = await _world.PersonAsync("Leblanc", "Sylvie", nationality: "CA");
        await _world.AssignAsync(stays, mission, StaffCategory.Diplomatic, "Attaché");
        var page = await app.NewPageAsync();

        var issue = await new IssueDepartureOrderPage(page).OpenAsync(mission.Id);
        foreach (var (family, given) in names)
            await issue.NameAsync($"{family}, {given}");
        await issue.FillAsync("Issued on", "2021-07-15");
        await issue.FillAsync("Leave by", "2021-09-03");
        await issue.FillAsync("Basis", "visas not renewed");
        var order = await issue.IssueAsync();

        await Expect(order.Progress).ToContainTextAsync("of 3 named: 3 pending, 0 overstayed, 0 departed");
        await Expect(order.Row("Leblanc, Sylvie")).ToHaveCountAsync(0);

        await order.TickAsync("Tremblay, Luc");
        await order.TickAsync("Roy, Anne");
        await order.RecordDeparturesAsync("2021-08-14");

        await Expect(order.Progress).ToContainTextAsync("of 3 named: 1 pending, 0 overstayed, 2 departed, 0 rescinded");
        await Expect(order.Row("Roy, Anne")).ToContainTextAsync("Departed");
        await Expect(order.Row("Gagnon, Marc")).ToContainTextAsync("Pending");

        await order.RescindAsync("Gagnon, Marc", "2021-08-15");

        await Expect(order.Progress).ToContainTextAsync("of 3 named: 0 pending, 0 overstayed, 2 departed, 1 rescinded");
        await Expect(order.Row("Gagnon, Marc")).ToContainTextAsync("Rescinded");
    }
}
