using Microsoft.Playwright;

namespace Chancery.Browser.Tests.PageObjects;

/// <summary>/missions/{id}/travel-risk: the people who could not come back, households together.</summary>
public sealed class MissionTravelRiskPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Counts => page.GetByLabel("Counts");
    public ILocator People => page.GetByRole(AriaRole.Table, new() { Name = "People at risk" });

    /// <summary>The row holding a link with this person's name.</summary>
    public ILocator Row(string name) =>
        People.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    public async Task ShowAsync(string returnBy)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Return by" }).FillAsync(returnBy);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
    }
}

/// <summary>/travel-risk: counts per mission and the totals sentence.</summary>
public sealed class TravelRiskOverviewPage(IPage page)
{
    public ILocator Totals => page.GetByLabel("Totals");
    public ILocator Missions => page.GetByRole(AriaRole.Table, new() { Name = "Travel risk per mission" });

    public async Task<TravelRiskOverviewPage> OpenAsync()
    {
        await page.GotoAsync("/travel-risk");
        return this;
    }
}
