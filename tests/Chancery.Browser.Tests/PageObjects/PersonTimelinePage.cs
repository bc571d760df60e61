namespace Chancery.Browser.Tests.PageObjects;

/// <summary>The visa part of a person's page: the visa table and the timeline, as of a date the page can change.</summary>
public sealed class PersonTimelinePage(IPage page)
{
    public async Task<PersonTimelinePage> OpenAsync(Guid personId)
    {
        await page.GotoAsync($"/people/{personId}");
        return this;
    }

    public ILocator Visas => page.GetByRole(AriaRole.Table, new() { Name = "Visas" });

    /// <summary>The timeline's ordered list, named by its heading ("Visa timeline as of 2021-08-15").</summary>
    public ILocator Timeline => page.GetByRole(AriaRole.List, new() { NameRegex = new("^Visa timeline as of") });

    public ILocator Entries => Timeline.GetByRole(AriaRole.Listitem);

    public async Task ShowAsOfAsync(DateOnly date)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = "As of" }).FillAsync(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
    }
}
