using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Policies;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Core.Tests.Invariants;

/// <summary>
/// Alerts and processing-time statistics computed from the database: the set-based loads find the present people,
/// their visas and applications, and the caller's scope. Runs once per database provider.
/// </summary>
public abstract class AlertServiceTests<TDatabase>(TDatabase db) where TDatabase : TestDatabase
{
    private static readonly DateOnly AsOf = new(2025, 8, 20);

    /// <summary>Set to read nationalities and visas by scanning the tables, as for a whole registry, whatever the number of people.</summary>
    protected virtual bool Scan => false;

    private Task<AlertList> AlertsAsync(AlertQuery query, AccessScope? scope = null) => Scan
        ? db.As<IServiceProvider, AlertList>(scope ?? AccessScope.System, sp => new AlertService(
            sp.GetRequiredService<ChanceryDbContext>(), sp.GetRequiredService<DbContextOptions<ChanceryDbContext>>(), sp.GetRequiredService<ScopedData>(),
            sp.GetRequiredService<DefaultAsOf>(), sp.GetRequiredService<AlertSettings>() with { ScanAbovePeople = 0 }).ListAsync(query, default))
        : db.As<AlertService, AlertList>(scope ?? AccessScope.System, s => s.ListAsync(query, default));

    private Task<VisaApplicationDto> ApplyAsync(VisaApplicationInput input) =>
        db.With<VisaApplicationService, VisaApplicationDto>(s => s.CreateAsync(input, default));

    [Fact]
    public async Task StaffVisaEndingWithinTheWarningThresholdIsAWarningDueOnItsLastDay()
    {
        var assignment = await db.CreatePrincipalAsync();
        var visa = await db.CreateVisaAsync(A.Visa(assignment.PersonId));

        var list = await AlertsAsync(new AlertQuery(AsOf, assignment.MissionId));

        var alert = Assert.Single(list.Alerts);
        Assert.Equal((AlertKind.VisaExpiring, AlertSeverity.Warning, new DateOnly(2025, 8, 31), visa.Id, AlertRole.Staff),
            (alert.Kind, alert.Severity, alert.Due, alert.VisaId, alert.Role));
        Assert.Contains("2025-08-31", alert.Message, StringComparison.Ordinal);
        Assert.Equal(AsOf, list.AsOf);
        Assert.Equal(1, Assert.Single(list.PerMission).Warning);
        Assert.Equal(new SeverityCounts(0, 1, 0), list.PerSeverity);
    }

    [Fact]
    public async Task VisaOfAnotherIssuingStateDoesNotCountAndThePersonOverstays()
    {
        var assignment = await db.CreatePrincipalAsync();
        await db.CreateVisaAsync(A.Visa(assignment.PersonId) with { IssuingStateCode = "AT" });

        var alert = Assert.Single((await AlertsAsync(new AlertQuery(AsOf, assignment.MissionId))).Alerts);

        Assert.Equal((AlertKind.Overstay, AlertSeverity.Critical, AsOf, (Guid?)null), (alert.Kind, alert.Severity, alert.Due, alert.VisaId));
    }

    [Fact]
    public async Task SpouseWhoseVisaWasCancelledWhileThePrincipalStaysIsAFamilyVisaLostWarning()
    {
        var assignment = await db.CreatePrincipalAsync();
        await db.CreateVisaAsync(A.Visa(assignment.PersonId) with { ValidUntil = new DateOnly(2026, 8, 31) });
        var spouse = await db.CreatePersonAsync();
        await db.CreateFamilyMemberAsync(A.Spouse(spouse.Id, assignment.Id));
        await db.CreateVisaAsync(A.Visa(spouse.Id) with { ValidUntil = new DateOnly(2026, 8, 31), CancelledOn = new DateOnly(2025, 8, 1) });

        var alert = Assert.Single((await AlertsAsync(new AlertQuery(AsOf, assignment.MissionId))).Alerts);

        Assert.Equal((AlertKind.FamilyVisaLost, AlertSeverity.Warning, spouse.Id, AlertRole.Family), (alert.Kind, alert.Severity, alert.PersonId, alert.Role));
        Assert.Contains("2025-08-01", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonWhoseAssignmentEndedGetsNoAlert()
    {
        var assignment = await db.CreatePrincipalAsync();
        await db.CreateVisaAsync(A.Visa(assignment.PersonId));
        await db.With<People.AssignmentService, People.AssignmentDto>(s => s.UpdateAsync(assignment.Id,
            A.Assignment(assignment.PersonId, assignment.MissionId) with { EndedOn = new DateOnly(2025, 8, 1), EndReason = People.EndReason.EndOfTour, Version = assignment.Version }, default));

        Assert.Empty((await AlertsAsync(new AlertQuery(AsOf, assignment.MissionId))).Alerts);
    }

    [Fact]
    public async Task ApplicationPendingLongerThanTheIssuingStatesUsualTimeRaisesASlowApplicationAlert()
    {
        // Five decisions of Slovakia on Slovenian staff took 10 to 50 days; a sixth application has waited 60.
        var mission = await db.CreateMissionAsync(A.Mission("SI", "SK"));
        for (var i = 1; i <= 5; i++)
        {
            var colleague = await db.CreatePersonAsync();
            await db.CreateAssignmentAsync(A.Assignment(colleague.Id, mission.Id));
            var filed = new DateOnly(2025, 3, 1);
            await ApplyAsync(new VisaApplicationInput(colleague.Id, VisaApplicationKind.New, "D", "SK", filed, filed.AddDays(10 * i), VisaApplicationOutcome.Granted));
        }
        var person = await db.CreatePersonAsync();
        await db.CreateAssignmentAsync(A.Assignment(person.Id, mission.Id));
        await db.CreateVisaAsync(A.Visa(person.Id) with { IssuingStateCode = "SK", ValidUntil = new DateOnly(2026, 8, 31) });
        var slow = await ApplyAsync(new VisaApplicationInput(person.Id, VisaApplicationKind.Renewal, "D", "SK", AsOf.AddDays(-60)));

        var alert = Assert.Single((await AlertsAsync(new AlertQuery(AsOf, mission.Id, AlertKind.ApplicationSlow))).Alerts);

        Assert.Equal((AlertKind.ApplicationSlow, AlertSeverity.Warning, slow.Id, AsOf), (alert.Kind, alert.Severity, alert.ApplicationId, alert.Due));
        var statistics = await db.With<VisaStatisticsService, VisaStatistics>(s => s.GetAsync(new VisaStatisticsQuery("SK", "SI", To: AsOf), default));
        var row = Assert.Single(statistics.Rows);
        Assert.Equal((5, 30, 50, 0m, 1, 60), (row.DecidedCount, row.MedianDays, row.P90Days, row.RefusalRate, row.PendingCount, row.OldestPendingDays));
    }

    [Fact]
    public async Task RenewalLeadTimeOfTheHostPolicyRaisesALateRenewalUntilOneIsFiled()
    {
        var mission = await db.CreateMissionAsync(A.Mission("PL", "CZ"));
        await db.As<HostPolicyService, HostPolicyDto>(AccessScope.System, s => s.CreateAsync(
            new HostPolicyInput("CZ", "PL", new DateOnly(2025, 1, 1), RenewalLeadDays: 60), default));
        var person = await db.CreatePersonAsync();
        await db.CreateAssignmentAsync(A.Assignment(person.Id, mission.Id));
        await db.CreateVisaAsync(A.Visa(person.Id) with { IssuingStateCode = "CZ" });

        var before = await AlertsAsync(new AlertQuery(AsOf, mission.Id, AlertKind.RenewalLate));
        await ApplyAsync(new VisaApplicationInput(person.Id, VisaApplicationKind.Renewal, "D", "CZ", AsOf));
        var after = await AlertsAsync(new AlertQuery(AsOf, mission.Id, AlertKind.RenewalLate));

        Assert.Equal(AlertSeverity.Warning, Assert.Single(before.Alerts).Severity);
        Assert.Contains("2025-07-02", before.Alerts[0].Message, StringComparison.Ordinal);
        Assert.Empty(after.Alerts);
    }

    [Fact]
    public async Task MissionAdministratorSeesOnlyTheAlertsOfTheirMissionAndNotOthersByFilter()
    {
        var mine = await db.CreatePrincipalAsync();
        await db.CreateVisaAsync(A.Visa(mine.PersonId));
        var theirs = await db.CreatePrincipalAsync();
        await db.CreateVisaAsync(A.Visa(theirs.PersonId));
        var me = AccessScope.For(Guid.NewGuid(), [Roles.MissionAdministrator], [mine.MissionId], null);

        var list = await AlertsAsync(new AlertQuery(AsOf), me);

        Assert.Equal([mine.MissionId], list.Alerts.Select(a => a.MissionId).Distinct());
        await Assert.ThrowsAsync<NotFoundException>(() => AlertsAsync(new AlertQuery(AsOf, theirs.MissionId), me));
    }

    [Fact]
    public async Task StatisticsWindowStartingAfterItsEndIsRejectedNamingFrom()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => db.With<VisaStatisticsService, VisaStatistics>(s =>
            s.GetAsync(new VisaStatisticsQuery(From: new DateOnly(2025, 2, 1), To: new DateOnly(2025, 1, 1)), default)));

        Assert.Equal(["from"], error.Errors.Keys);
    }
}

public sealed class SqliteAlertServiceTests(SqliteTestDatabase db) : AlertServiceTests<SqliteTestDatabase>(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresAlertServiceTests(PostgresTestDatabase db) : AlertServiceTests<PostgresTestDatabase>(db), IClassFixture<PostgresTestDatabase>;

/// <summary>The same cases with nationalities and visas read by scanning the tables (the way of a whole registry), on SQLite.</summary>
public sealed class SqliteAlertServiceScanTests(SqliteTestDatabase db) : AlertServiceTests<SqliteTestDatabase>(db), IClassFixture<SqliteTestDatabase>
{
    protected override bool Scan => true;
}

/// <summary>The same cases with nationalities and visas read by scanning the tables, on PostgreSQL.</summary>
public sealed class PostgresAlertServiceScanTests(PostgresTestDatabase db) : AlertServiceTests<PostgresTestDatabase>(db), IClassFixture<PostgresTestDatabase>
{
    protected override bool Scan => true;
}
