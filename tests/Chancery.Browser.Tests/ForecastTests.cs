namespace Chancery.Browser.Tests;

/// <summary>The staffing forecast of the demo's embassy, as a clerk opens it from the mission page on 2021-08-15.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ForecastTests(ChanceryApp app)
{
    [Fact]
    public async Task DemoEmbassyForecastDrawsItsChartsShowsTheDiplomatsFallingBelowMinimumAndAScenarioAppearsBesideIt()
    {
        var page = await app.NewPageAsync();
        var list = await new MissionListPage(page).OpenAsync();
        await list.FilterAsync(sending: "Russia (RU)", receiving: "United States (US)", kind: "Embassy");
        await list.OpenMissionAsync("Embassy of Russia in Washington");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mission views" }).GetByRole(AriaRole.Link, new() { Name = "Staffing forecast" }).ClickAsync();
        var forecast = new ForecastPage(page);

        // The chart script ran (the CSP allows it as a file) and drew on the canvas.
        await Expect(forecast.Chart("Diplomatic staff")).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(forecast.Summary).ToContainTextAsync("From 2021-08-15");
        // 24 of 30 diplomats are out after 2021-09-03: below the minimum of 20 in every run from the next day.
        var diplomats = forecast.RiskRows("Diplomatic staff", "baseline");
        await Expect(diplomats).ToContainTextAsync("100 %");
        await Expect(diplomats).ToContainTextAsync("2021-09-04");
        await Expect(forecast.Risk.GetByRole(AriaRole.Row).Filter(new() { HasText = "scenario" })).ToHaveCountAsync(0);

        await forecast.ForecastWithAsync(stopIssuing: true);

        await Expect(forecast.Summary).ToContainTextAsync("host stops issuing visas from 2021-08-15");
        await Expect(forecast.RiskRows("Diplomatic staff", "scenario")).ToContainTextAsync("100 %");
        await Expect(forecast.Risk.GetByRole(AriaRole.Row).Filter(new() { HasText = "scenario" })).ToHaveCountAsync(4);
        await Expect(forecast.Bands).ToContainTextAsync("→");
        await Expect(forecast.Chart("Diplomatic staff")).ToHaveAttributeAsync("data-drawn", "true");

        // A picture of the page for the docs: CHANCERY_FORECAST_SCREENSHOT=<path> dotnet test --filter ForecastTests
        if (Environment.GetEnvironmentVariable("CHANCERY_FORECAST_SCREENSHOT") is { Length: > 0 } path)
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
    }
}
