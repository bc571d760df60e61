namespace Chancery.Browser.Tests;

/// <summary>The demo's parity between the United States and Russia on 2021-09-04, the day after the 24's deadline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ParityTests(ChanceryApp app)
{
    [Fact]
    public async Task ParityPageOfTheDemoShowsRussiaHolding34MoreDiplomatsAndTheEscalationThatLedThere()
    {
        var page = await app.NewPageAsync();

        var parity = await new ParityPage(page).OpenFromNavigationAsync("United States (US)", "Russia (RU)", new DateOnly(2021, 9, 4));

        await Expect(parity.Heading).ToHaveTextAsync("Parity between United States and Russia");
        // A minus B: the United States holds one diplomat in Russia (its ambassador), Russia 35 in the United States.
        await Expect(parity.Gap("Diplomats now")).ToHaveTextAsync("−34");
        await Expect(parity.Gap("Diplomats after pending orders")).ToHaveTextAsync("−10");
        await Expect(parity.Summary).ToContainTextAsync("Russia holds 34 more diplomats in the United States than the United States holds in Russia (35 against 1).");
        await Expect(parity.Summary).ToContainTextAsync("The United States' visas for Russia's staff take");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Russia expels 10 of the United States' staff" }).First).ToBeVisibleAsync();
        // The chart is drawn by a script file (the CSP forbids inline scripts).
        await Expect(parity.Chart).ToHaveAttributeAsync("data-drawn", "true");
    }
}
