using Chancery.Core.Demo;
using Chancery.Core.People;
using Chancery.Core.Tests.Infrastructure;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Tests.Demo;

/// <summary>The demo's reference scenario on 2021-08-15 as the travel-risk report reads it (seeded once on SQLite).</summary>
public sealed class DemoTravelRiskTests(SqliteTestDatabase db) : IClassFixture<SqliteTestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync() => await db.With<DemoSeeder, bool>(s => s.SeedAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<TravelRiskReport> RussianMissionsInTheUnitedStates() =>
        db.With<TravelRiskService, TravelRiskReport>(s => s.GetAsync(
            new TravelRiskQuery(AsOf: DemoSeeder.ReferenceDate, SendingState: "RU", ReceivingState: "US"), default));

    [Fact]
    public async Task AboutSixtyStaffAndOneHundredThirtyWithFamiliesCannotTravelAndComeBackOnTheReferenceDate()
    {
        var report = await RussianMissionsInTheUnitedStates();

        Assert.Equal(new DateOnly(2021, 9, 14), report.ReturnBy);
        Assert.NotNull(report.ReturnByNote);
        Assert.InRange(report.Totals.StaffAtRisk, 55, 65);
        Assert.InRange(report.Totals.TotalAtRisk, 120, 140);
        Assert.True(report.Totals.StaffAtRisk < report.Totals.StaffPresent, "someone still travels freely");
    }

    [Fact]
    public async Task TheReasonsIncludeExpiryPendingRenewalsUsedEntriesAndTheSeptemberDeadline()
    {
        var report = await RussianMissionsInTheUnitedStates();

        var reasons = report.People.SelectMany(p => p.Reasons.Select(r => r.Reason)).ToHashSet();
        foreach (var expected in new[] { TravelRiskReason.Expired, TravelRiskReason.ApplicationPending, TravelRiskReason.NoEntryLeft, TravelRiskReason.EndsBeforeReturn, TravelRiskReason.Cancelled })
            Assert.Contains(expected, reasons);
        Assert.Contains(report.People, p => p.Name == "Sokolov, Dmitriy" && p.ValidUntil == DemoSeeder.Deadline);
    }

    [Fact]
    public async Task TheTwentyFourDeadlineVisasOfStaffAreStillThere()
    {
        var deadline = await db.Read(d => d.Visas.CountAsync(v => v.ValidUntil == DemoSeeder.Deadline && v.Entries == VisaEntries.Multiple && v.EntriesUsed == 0
            && v.CancelledOn == null && d.Assignments.Any(a => a.PersonId == v.HolderId && a.Category == StaffCategory.Diplomatic)));

        Assert.Equal(24, deadline);
    }

    [Fact]
    public async Task DecidedApplicationsSufficeForStatisticsAndTheHostTakesFarLongerThanTheSendingState()
    {
        var decided = await db.Read(d => d.VisaApplications.Where(a => a.DecidedOn != null)
            .Select(a => new { a.IssuingStateCode, a.CategoryCode, Days = a.DecidedOn!.Value.DayNumber - a.FiledOn.DayNumber }).ToListAsync());
        var days = decided.GroupBy(a => (a.IssuingStateCode, a.CategoryCode)).ToDictionary(g => g.Key, g => g.Select(a => a.Days).Order().ToList());
        static int Median(List<int> sorted) => sorted[sorted.Count / 2];
        var longPending = await db.Read(d => d.VisaApplications.CountAsync(a => a.Outcome == VisaApplicationOutcome.Pending && a.FiledOn < new DateOnly(2021, 4, 1)));

        Assert.All(new[] { ("US", "A-1"), ("US", "A-2"), ("RU", "diplomatic") }, group => Assert.True(days[group].Count >= 5, $"{group}: {days[group].Count} decided"));
        Assert.True(Median(days[("US", "A-1")]) > 3 * Median(days[("RU", "diplomatic")]));
        Assert.True(longPending >= 5, $"{longPending} applications filed before April 2021 are still pending");
    }

    [Fact]
    public async Task ADemoDatabaseWithoutTheVisaStoryGetsItOnceOnTheNextStart()
    {
        var applications = await db.Read(d => d.VisaApplications.CountAsync());
        // A demo database from before the story: its applications (other than the nominees') and policies gone.
        await db.Read(async d =>
            await d.VisaApplications.Where(a => !d.Nominations.Any(n => n.VisaApplicationId == a.Id)).ExecuteDeleteAsync()
            + await d.HostPolicies.ExecuteDeleteAsync());

        var first = await db.With<DemoSeeder, bool>(s => s.SeedAsync());
        var second = await db.With<DemoSeeder, bool>(s => s.SeedAsync());

        Assert.Equal((true, false), (first, second));
        Assert.Equal(3, await db.Read(d => d.HostPolicies.CountAsync()));
        Assert.Equal(applications, await db.Read(d => d.VisaApplications.CountAsync()));
        Assert.InRange((await RussianMissionsInTheUnitedStates()).Totals.StaffAtRisk, 55, 65);
    }
}
