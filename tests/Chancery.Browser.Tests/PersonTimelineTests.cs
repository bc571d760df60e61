using Chancery.Core.People;
using Chancery.Core.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PersonTimelineTests(ChanceryApp app)
{
    private readonly World _world = new(app);

    [Fact]
    public async Task PersonPageShowsTheGracePeriodUntilItsLastDayAndTheDaysWithoutAValidVisaInOrder()
    {
        // Iceland's embassy in Denmark, whose rules give Iceland's staff 30 days' grace in 2021 (no other test uses the pair).
        var mission = await _world.MissionAsync("IS", "DK");
        await app.WithServicesAsync(sp => sp.GetRequiredService<HostPolicyService>().CreateAsync(
            new HostPolicyInput("DK", "IS", new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31), GraceDays: 30), default));
        var person = await _world.PersonAsync("Jónsdóttir", "Guðrún " + World.Unique(), nationality: "IS");
        await _world.AssignAsync(person, mission, StaffCategory.Diplomatic, "Counsellor", start: new DateOnly(2021, 1, 1));
        await _world.VisaAsync(person, "DK", "D", new DateOnly(2021, 1, 1), new DateOnly(2021, 8, 5));
        var page = await app.NewPageAsync();

        var timeline = await new PersonTimelinePage(page).OpenAsync(person.Id);

        await Expect(timeline.Visas).ToContainTextAsync("In grace period until 2021-09-04");
        await Expect(timeline.Entries).ToHaveCountAsync(2);
        await Expect(timeline.Entries.Nth(0)).ToContainTextAsync("2021-01-01 to 2021-08-05");
        await Expect(timeline.Entries.Nth(1)).ToContainTextAsync("2021-08-06 to 2021-08-15");
        await Expect(timeline.Entries.Nth(1)).ToContainTextAsync("10 days in Denmark without a valid visa, still without one on the as-of date");

        await timeline.ShowAsOfAsync(new DateOnly(2021, 9, 10));

        await Expect(timeline.Visas).ToContainTextAsync("Expired");
        await Expect(timeline.Entries.Nth(1)).ToContainTextAsync("36 days in Denmark without a valid visa");
    }
}
