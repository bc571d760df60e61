using Chancery.Core.People;

namespace Chancery.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(ChanceryApp app)
{
    private readonly World _world = new(app);

    [Fact]
    public async Task ChangingTheAsOfDateMovesAnExpiringVisaFromWarningToCriticalAndThenOffTheList()
    {
        var mission = await _world.MissionAsync("NO", "CA");
        var diplomat = await _world.PersonAsync("Dahl", "Knut " + World.Unique());
        await _world.AssignAsync(diplomat, mission, StaffCategory.Diplomatic, "Counsellor");
        await _world.VisaAsync(diplomat, "CA", "D-1", new DateOnly(2019, 9, 1), new DateOnly(2021, 9, 3));
        var page = await app.NewPageAsync();
        var dashboard = await new DashboardPage(page).OpenAsync();

        await dashboard.FilterByMissionAsync(mission.Label);

        await Expect(dashboard.Heading).ToHaveTextAsync("Alerts");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "As of" })).ToHaveValueAsync("2021-08-15");
        var warning = dashboard.Row(dashboard.Severity("Warning"), diplomat.DisplayName);
        await Expect(warning).ToContainTextAsync("Visa expiring");
        await Expect(warning).ToContainTextAsync("Visa ends 2021-09-03 (19 days left)");
        await Expect(dashboard.Severity("Warning")).ToContainTextAsync("Due 2021-09-03, in 19 days");
        await Expect(dashboard.PerMission.GetByRole(AriaRole.Link, new() { Name = mission.Label, Exact = true })).ToBeVisibleAsync();

        await dashboard.ShowAsOfAsync(new DateOnly(2021, 9, 1));

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"asOf=2021-09-01.*missionId={mission.Id}"));
        await Expect(dashboard.Row(dashboard.Severity("Critical"), diplomat.DisplayName)).ToContainTextAsync("2 days left");
        await Expect(dashboard.Severity("Warning")).ToHaveCountAsync(0);

        await dashboard.ShowAsOfAsync(new DateOnly(2021, 5, 1));

        await Expect(page.GetByText("Nothing to act on as of 2021-05-01 for these filters.")).ToBeVisibleAsync();
        await Expect(dashboard.Row(page.GetByRole(AriaRole.Main), diplomat.DisplayName)).ToHaveCountAsync(0);
    }
}
