using Chancery.Core.People;
using Chancery.Core.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PostsTests(ChanceryApp app)
{
    private readonly World _world = new(app);

    [Fact]
    public async Task VacatedPostShowsAsVacantWithNoNomineeAndTheHeadcountPageDrawsItsChartAndTable()
    {
        var mission = await _world.MissionAsync("NO", "CA");
        var gone = await _world.PersonAsync("Lie", "Kari");
        var here = await _world.PersonAsync("Dahl", "Ola");
        var ended = await app.WithServicesAsync(sp => sp.GetRequiredService<AssignmentService>().CreateAsync(new AssignmentInput(
            gone.Id, mission.Id, StaffCategory.Diplomatic, "Counsellor", new DateOnly(2018, 9, 1), EndedOn: new DateOnly(2021, 7, 31), EndReason: EndReason.EndOfTour), default));
        var current = await _world.AssignAsync(here, mission, StaffCategory.Diplomatic, "First Secretary", plannedEnd: new DateOnly(2023, 8, 31));
        await app.WithServicesAsync(sp => sp.GetRequiredService<PostService>().CreateAsync(
            new PostInput(mission.Id, "Counsellor (Economic)", StaffCategory.Diplomatic, new DateOnly(2000, 1, 1), HolderAssignmentId: ended.Id), default));
        await app.WithServicesAsync(sp => sp.GetRequiredService<PostService>().CreateAsync(
            new PostInput(mission.Id, "First Secretary (Political)", StaffCategory.Diplomatic, new DateOnly(2000, 1, 1), HolderAssignmentId: current.Id), default));
        var page = await app.NewPageAsync();

        var vacancies = await new VacanciesPage(page).OpenAsync(mission.Id, new DateOnly(2021, 8, 15));

        await Expect(vacancies.Row("Counsellor (Economic)")).ToContainTextAsync("since 2021-08-01");
        await Expect(vacancies.Row("Counsellor (Economic)")).ToContainTextAsync("no nominee");
        await Expect(vacancies.Row("Counsellor (Economic)")).ToContainTextAsync("Lie, Kari");
        await Expect(vacancies.Row("First Secretary (Political)")).ToHaveCountAsync(0);
        await Expect(vacancies.Counts).ToContainTextAsync("1 post vacant on 2021-08-15");

        await page.GotoAsync($"/missions/{mission.Id}?asOf=2021-08-15");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mission views" }).GetByRole(AriaRole.Link, new() { Name = "Headcount" }).ClickAsync();
        var headcount = new HeadcountPage(page);

        await Expect(headcount.Chart).ToBeVisibleAsync();
        // The chart script ran (the CSP allows it as a file) and drew on the canvas.
        await Expect(headcount.Chart).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(headcount.ByCategory).ToContainTextAsync("Members of the mission");
        await Expect(headcount.ByCategory.GetByRole(AriaRole.Row).Filter(new() { HasText = "Diplomatic staff" })).ToContainTextAsync("present 1");
        await Expect(headcount.Timeline).ToContainTextAsync("2021-05-17");
        await Expect(headcount.Timeline).ToContainTextAsync("2021-08-01");
    }
}
