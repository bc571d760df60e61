using Microsoft.Playwright;

namespace Chancery.Browser.Tests.PageObjects;

/// <summary>/parity/world: one state against every counterpart, largest gap first.</summary>
public sealed class WorldParityPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Totals => page.GetByLabel("Totals");
    public ILocator Counterparts => page.GetByRole(AriaRole.Table, new() { Name = "Counterparts by parity gap" });

    /// <summary>The body rows, each headed by the counterpart's name.</summary>
    public ILocator Rows => Counterparts.Locator("tbody").GetByRole(AriaRole.Row);

    /// <summary>The row of a counterpart, by the link with its name.</summary>
    public ILocator Row(string counterpart) =>
        Rows.Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = counterpart, Exact = true }) });

    public async Task ShowAsync(string state, string asOf)
    {
        await page.GetByRole(AriaRole.Combobox, new() { Name = "State" }).SelectOptionAsync(new SelectOptionValue { Label = state });
        await page.GetByRole(AriaRole.Textbox, new() { Name = "As of" }).FillAsync(asOf);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
    }
}
