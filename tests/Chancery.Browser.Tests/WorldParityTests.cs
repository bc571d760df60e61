using System.Globalization;
using Chancery.Browser.Tests.Infrastructure;
using Chancery.Browser.Tests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chancery.Browser.Tests;

/// <summary>The world parity page on the demo data.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorldParityTests(ChanceryApp app)
{
    [Fact]
    public async Task AnalystOpensRussiasWorldViewAndSeesTheGapWithTheUnitedStatesFirstWithALinkToThePair()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "World parity" }).ClickAsync();
        var world = new WorldParityPage(page);

        await world.ShowAsync("Russia (RU)", "2021-08-15");

        await Expect(world.Heading).ToHaveTextAsync("World parity of Russia");
        await Expect(world.Totals).ToContainTextAsync("On 2021-08-15, Russia holds");
        var first = world.Rows.First;
        await Expect(first.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("United States");
        // The gap cell and the sentence tell the same number: the demo's embassies in each other's capital are not at parity.
        var gap = int.Parse(await first.Locator("td.gap").InnerTextAsync(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        Assert.NotEqual(0, gap);
        await Expect(first).ToContainTextAsync($"{Math.Abs(gap)} more member");
        await Expect(first.GetByRole(AriaRole.Link, new() { Name = "United States" })).ToHaveAttributeAsync("href", "/parity?a=RU&b=US&asOf=2021-08-15");
        await Expect(world.Row("France")).ToContainTextAsync("Russia has no mission in France.");
    }
}
