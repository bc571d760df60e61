namespace Chancery.Browser.Tests.PageObjects;

/// <summary>/: the alert dashboard, by severity and due date, with counts per mission.</summary>
public sealed class DashboardPage(IPage page)
{
    public async Task<DashboardPage> OpenAsync()
    {
        await page.GotoAsync("/");
        return this;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Counts => page.GetByLabel("Alert counts");
    public ILocator PerMission => page.GetByRole(AriaRole.Table, new() { Name = "By mission" });

    /// <summary>The section of one severity ("Critical", "Warning", "Notice").</summary>
    public ILocator Severity(string name) => page.GetByRole(AriaRole.Region, new() { NameRegex = new($"^{name}") });

    /// <summary>The alert rows of a person, within a section.</summary>
    public ILocator Row(ILocator within, string name) =>
        within.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    public async Task FilterByMissionAsync(string label)
    {
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Mission", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = label });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
    }

    public async Task ShowAsOfAsync(DateOnly date)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = "As of" }).FillAsync(date.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
    }
}
