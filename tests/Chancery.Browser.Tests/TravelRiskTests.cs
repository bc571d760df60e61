using Chancery.Browser.Tests.Infrastructure;
using Chancery.Browser.Tests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chancery.Browser.Tests;

/// <summary>The travel-risk pages on the demo's reference date, 2021-08-15.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TravelRiskTests(ChanceryApp app)
{
    [Fact]
    public async Task ClerkOpensTheEmbassysTravelRiskAndSeesSokolovWithHisFamilyUnderHim()
    {
        var page = await app.NewPageAsync();
        var list = await new MissionListPage(page).OpenAsync();
        await list.FilterAsync(sending: "Russia (RU)", receiving: "United States (US)", kind: "Embassy");
        var mission = await list.OpenMissionAsync("Embassy of Russia in Washington");
        await Expect(mission.Heading).ToHaveTextAsync("Embassy of Russia in Washington");

        await page.GetByRole(AriaRole.Link, new() { Name = "Travel risk of this mission" }).ClickAsync();
        var risk = new MissionTravelRiskPage(page);

        await Expect(risk.Heading).ToHaveTextAsync("Travel risk: Embassy of Russia in Washington");
        await Expect(risk.Counts).ToContainTextAsync("Leaving on 2021-08-15 and coming back by 2021-09-14");
        await Expect(page.GetByText("No return date was given")).ToBeVisibleAsync();
        await Expect(risk.Row("Sokolov, Dmitriy")).ToContainTextAsync("A-1 valid until 2021-09-03");
        await Expect(risk.Row("Sokolov, Dmitriy")).ToContainTextAsync("before the return by 2021-09-14");
        var household = risk.People.GetByRole(AriaRole.Row).Filter(new() { HasText = "of Sokolov, Dmitriy" });
        await Expect(household).ToHaveCountAsync(3);
        // The family rows follow their principal's row.
        var rows = await risk.People.GetByRole(AriaRole.Row).AllInnerTextsAsync();
        var principal = rows.ToList().FindIndex(r => r.StartsWith("Sokolov, Dmitriy", StringComparison.Ordinal));
        Assert.All(rows.Skip(principal + 1).Take(3), r => Assert.Contains("of Sokolov, Dmitriy", r, StringComparison.Ordinal));

        // Back by the deadline, his visa is no longer the obstacle; his pending renewal still is.
        await Expect(risk.Row("Sokolov, Dmitriy")).ToContainTextAsync("A visa application is pending");
        await risk.ShowAsync("2021-09-03");
        await Expect(risk.Counts).ToContainTextAsync("coming back by 2021-09-03");
        await Expect(risk.Row("Sokolov, Dmitriy")).Not.ToContainTextAsync("before the return");
        await Expect(risk.Row("Sokolov, Dmitriy")).ToContainTextAsync("A visa application is pending");
    }

    [Fact]
    public async Task OverviewSaysHowManyStaffAndFamiliesCannotTravelAndComeBack()
    {
        var page = await app.NewPageAsync();
        var overview = await new TravelRiskOverviewPage(page).OpenAsync();

        await Expect(overview.Totals).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ staff cannot travel and come back by 2021-09-14;\s+\d+ with their families"));
        await Expect(overview.Missions.GetByRole(AriaRole.Link, new() { Name = "Embassy of Russia in Washington" })).ToBeVisibleAsync();
    }
}
