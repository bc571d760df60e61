namespace Chancery.Browser.Tests;

/// <summary>The demo data set (DemoSeeder) as a clerk meets it on 2021-08-15.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoTests(ChanceryApp app)
{
    [Fact]
    public async Task ClerkFindsSokolovByLatinSpellingAndSeesHisVisaEndsOnTheDeadline()
    {
        var page = await app.NewPageAsync();
        var search = await new SearchPage(page).OpenAsync();

        // "Igorevich" is recorded only in Cyrillic (Игоревич); "Dmitrii" is the passport (ICAO) spelling of Дмитрий.
        await search.SearchAsync("sokolov dmitrii igorevich");
        var person = await search.OpenPersonAsync("Sokolov, Dmitriy");

        await Expect(person.Heading).ToHaveTextAsync("Sokolov, Dmitriy");
        await Expect(page.GetByText("Соколов Дмитрий Игоревич")).ToBeVisibleAsync();
        await Expect(person.Assignments).ToContainTextAsync("Embassy of Russia in Washington");
        await Expect(person.Assignments).ToContainTextAsync("First Secretary");
        var visa = person.VisaRow("A-1");
        await Expect(visa.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("2021-09-03");
        await Expect(visa).ToContainTextAsync("Expiring");
    }

    [Fact]
    public async Task EmbassyOfRussiaInWashingtonShowsStaffByCategoryWithFamilies()
    {
        var page = await app.NewPageAsync();
        var list = await new MissionListPage(page).OpenAsync();

        await list.FilterAsync(sending: "Russia (RU)", receiving: "United States (US)", kind: "Embassy");
        var mission = await list.OpenMissionAsync("Embassy of Russia in Washington");

        await Expect(mission.Heading).ToHaveTextAsync("Embassy of Russia in Washington");
        await Expect(mission.Counts).ToContainTextAsync("As of 2021-08-15");
        await Expect(mission.Category("Head of mission")).ToContainTextAsync("Ambassador Extraordinary and Plenipotentiary");
        var diplomatic = mission.Category("Diplomatic staff");
        await Expect(mission.Row(diplomatic, "Sokolov, Dmitriy")).ToContainTextAsync("First Secretary");
        await Expect(mission.Row(diplomatic, "Sokolov, Dmitriy")).ToContainTextAsync("A-1 valid until 2021-09-03 Expiring");
        await Expect(diplomatic.GetByRole(AriaRole.Row).Filter(new() { HasText = "Spouse of Sokolov, Dmitriy" })).ToHaveCountAsync(1);
        await Expect(diplomatic.GetByRole(AriaRole.Row).Filter(new() { HasText = "Child of Sokolov, Dmitriy" })).ToHaveCountAsync(2);
        await Expect(mission.Category("Administrative and technical staff")).ToBeVisibleAsync();
        await Expect(mission.Category("Locally engaged staff")).ToContainTextAsync("Receptionist");

        // docs/screenshot-mission.png is made from here: CHANCERY_SCREENSHOT=<path> dotnet test --filter ...
        if (Environment.GetEnvironmentVariable("CHANCERY_SCREENSHOT") is { Length: > 0 } path)
            await page.ScreenshotAsync(new() { Path = path, FullPage = false });
    }
}
