namespace Chancery.Browser.Tests.PageObjects;

/// <summary>/missions/{id}/forecast: options and scenario, the probability table, one chart per category, the weekly bands.</summary>
public sealed class ForecastPage(IPage page)
{
    public ILocator Summary => page.GetByLabel("Forecast", new() { Exact = true });

    public ILocator Risk => page.GetByRole(AriaRole.Table, new() { Name = "Chance that the category has been below its minimum" });

    public ILocator RiskRows(string category, string forecast) =>
        Risk.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = category, Exact = true }) }).Filter(new() { HasText = forecast });

    public ILocator Chart(string category) => page.GetByRole(AriaRole.Img, new() { Name = $"{category}: median and 10 to 90 percent band" });

    public ILocator Bands => page.GetByRole(AriaRole.Table, new() { Name = "Median (10th–90th percentile) per week" });

    public async Task ForecastWithAsync(bool stopIssuing)
    {
        if (stopIssuing) await page.GetByLabel("The host stops issuing visas").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Forecast", Exact = true }).ClickAsync();
    }
}
