namespace Chancery.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SearchTests(ChanceryApp app)
{
    private readonly World _world = new(app);

    [Fact]
    public async Task LatinSpellingFindsCyrillicOnlyNameAndItsPageShowsTheVisa()
    {
        // Recorded in Cyrillic only: the clerk types the passport's Latin spelling.
        var suffix = World.Unique();
        var person = await _world.PersonAsync("Кузнецова", "Анна " + suffix, nationality: "RU");
        await _world.VisaAsync(person, "US", "A-2", new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3));
        var page = await app.NewPageAsync();

        var search = await new SearchPage(page).OpenAsync();
        await search.SearchAsync("KUZNETSOVA anna " + suffix);
        var profile = await search.OpenPersonAsync($"Кузнецова, Анна {suffix}");

        await Expect(profile.Heading).ToHaveTextAsync($"Кузнецова, Анна {suffix}");
        var visa = profile.VisaRow("A-2");
        await Expect(visa).ToContainTextAsync("2021-09-03");
        await Expect(visa).ToContainTextAsync("Expiring");
    }

    [Fact]
    public async Task SearchWithoutMatchSaysSoAndOffersToRecordThePerson()
    {
        var page = await app.NewPageAsync();
        var search = await new SearchPage(page).OpenAsync();

        await search.SearchAsync("Zyxwvutsrq" + World.Unique());

        await Expect(page.GetByText("Nobody is recorded under")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "record a new person" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AddressOfAPersonWhoDoesNotExistAnswersNotFoundWithWaysBack()
    {
        var page = await app.NewPageAsync();

        var response = await page.GotoAsync($"/people/{Guid.NewGuid()}");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "people" })).ToBeVisibleAsync();
    }
}
