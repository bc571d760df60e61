using Microsoft.Playwright;

namespace Chancery.Browser.Tests.PageObjects;

/// <summary>/parity: two states side by side on a date.</summary>
public sealed class ParityPage(IPage page)
{
    /// <summary>Opens the page from the main navigation and asks for the pair and date through its form.</summary>
    public async Task<ParityPage> OpenFromNavigationAsync(string a, string b, DateOnly asOf)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Parity", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "State A" }).SelectOptionAsync(new SelectOptionValue { Label = a });
        await page.GetByRole(AriaRole.Combobox, new() { Name = "State B" }).SelectOptionAsync(new SelectOptionValue { Label = b });
        await page.GetByRole(AriaRole.Textbox, new() { Name = "As of" }).FillAsync(asOf.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        return this;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Summary => page.GetByRole(AriaRole.List, new() { Name = "Summary" });

    public ILocator Comparison => page.GetByRole(AriaRole.Table).First;

    /// <summary>The gap (A minus B) in the comparison row headed <paramref name="row"/>.</summary>
    public ILocator Gap(string row) =>
        Comparison.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = row, Exact = true }) }).GetByRole(AriaRole.Cell).Nth(2);

    public ILocator Chart => page.Locator("canvas#parity-chart");

}
