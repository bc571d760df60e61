using System.Text.RegularExpressions;
using Chancery.Browser.Tests.PageObjects;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Tests.Shared;

namespace Chancery.Browser.Tests;

/// <summary>The export links under a list, and the calendar addresses of an account, used as a clerk would.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExportAndCalendarTests(ChanceryApp app)
{
    private readonly World _world = new(app);

    private async Task<PersonDto> DiplomatWhoseVisaEndsOnTheDeadlineAsync(MissionDto mission)
    {
        var diplomat = await _world.PersonAsync("Dahl", "Knut " + World.Unique());
        await _world.AssignAsync(diplomat, mission, StaffCategory.Diplomatic, "Counsellor");
        await _world.VisaAsync(diplomat, "CA", "D-1", new DateOnly(2019, 9, 1), new DateOnly(2021, 9, 3));
        return diplomat;
    }

    [Fact]
    public async Task DashboardFilteredByMissionDownloadsItsAlertsAsCsvAndXlsx()
    {
        var mission = await _world.MissionAsync("NO", "CA");
        var diplomat = await DiplomatWhoseVisaEndsOnTheDeadlineAsync(mission);
        var page = await app.NewPageAsync();
        var dashboard = await new DashboardPage(page).OpenAsync();
        await dashboard.FilterByMissionAsync(mission.Label);
        await Expect(dashboard.Row(dashboard.Severity("Warning"), diplomat.DisplayName)).ToContainTextAsync("Visa ends 2021-09-03");

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var text = await File.ReadAllTextAsync(await csv.PathAsync());
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export XLSX" }).ClickAsync());
        var workbook = WorkbookSheet.Read(await xlsx.PathAsync());

        // The files hold what the page shows: this mission's alerts on the page's date (the diplomat's), no one else's.
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains($"\"{diplomat.DisplayName}\"", r, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Visa ends 2021-09-03", StringComparison.Ordinal));
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains(diplomat.DisplayName, workbook.Rows.SelectMany(r => r).Select(c => c.Text));
        Assert.Equal(rows.Count + 1, workbook.Rows.Count);
    }

    [Fact]
    public async Task CalendarAddressIsShownOnceServesTheVisaDeadlineWithoutSignInAndStopsOnceRevoked()
    {
        var mission = await _world.MissionAsync("NO", "CA");
        var diplomat = await DiplomatWhoseVisaEndsOnTheDeadlineAsync(mission);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/calendar");
        var name = "phone " + World.Unique();

        await page.GetByLabel("Name (to tell your addresses apart").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a calendar address" }).ClickAsync();

        var address = page.GetByLabel("Address of all your missions");
        await Expect(address).ToHaveValueAsync(new Regex(@"^http://.+/calendar/.+\.ics$"));
        var url = await address.InputValueAsync();
        using var anyone = new HttpClient();
        var feed = Ical.Net.Calendar.Load(await anyone.GetStringAsync(new Uri(url)))!;
        var expiry = Assert.Single(feed.Events, e => e.Summary == $"Visa ends: {diplomat.DisplayName}");
        Assert.Equal(new DateOnly(2021, 9, 3), DateOnly.FromDateTime(expiry.DtStart!.Value));

        // Shown once: back on the page the address is gone and only its name is listed.
        await page.GotoAsync("/account/calendar");
        await Expect(address).ToHaveCountAsync(0);
        var listed = page.GetByRole(AriaRole.Table, new() { Name = "Your calendar addresses" }).GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed).ToContainTextAsync("Active");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();

        await Expect(listed).ToContainTextAsync(new Regex(@"Revoked \d{4}-\d{2}-\d{2}"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anyone.GetAsync(new Uri(url))).StatusCode);
    }
}
