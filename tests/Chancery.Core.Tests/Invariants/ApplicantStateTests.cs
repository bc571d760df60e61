using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Tests.Invariants;

/// <summary>
/// The applicant's state of processing times, resolved from everyone serving on the date (as the alerts of a whole
/// registry do, having read them all) or by querying the applicants' assignments and households: the same answer,
/// ties included. Runs once per database provider.
/// </summary>
public abstract class ApplicantStateTests<TDatabase>(TDatabase db) where TDatabase : TestDatabase
{
    private static readonly DateOnly On = new(2025, 8, 20);

    [Fact]
    public async Task EveryoneServingGivesTheStatesTheApplicantsQueriesGive()
    {
        var french = await db.CreateMissionAsync(A.Mission("FR", "DE"));
        var italian = await db.CreateMissionAsync(A.Mission("IT", "DE"));
        var polish = await db.CreateMissionAsync(A.Mission("PL", "DE"));
        // Two assignments from the same day: the lower identifier counts.
        var twice = await db.CreatePersonAsync();
        var first = await db.CreateAssignmentAsync(A.Assignment(twice.Id, french.Id));
        var second = await db.CreateAssignmentAsync(A.Assignment(twice.Id, italian.Id));
        // Staff at one mission and household at another: staff counts.
        var both = await db.CreatePersonAsync();
        await db.CreateAssignmentAsync(A.Assignment(both.Id, polish.Id));
        await db.CreateFamilyMemberAsync(A.Spouse(both.Id, first.Id));
        // Household only: the principal's mission.
        var spouse = await db.CreatePersonAsync();
        await db.CreateFamilyMemberAsync(A.Spouse(spouse.Id, second.Id));
        // Serving nowhere: the nationality.
        var elsewhere = await db.CreatePersonAsync(A.Person() with { NationalityCode = "UA" });
        List<DecisionRow> rows = [.. new[] { twice.Id, both.Id, spouse.Id, elsewhere.Id }.Select(applicant =>
            new DecisionRow(Guid.NewGuid(), applicant, "DE", "D", On.AddDays(-30), On.AddDays(-5), VisaApplicationOutcome.Granted))];

        var (queried, fromServing) = await db.Read(async ctx =>
        {
            var queried = await VisaStatisticsService.ResolveAsync(ctx, rows, On, null, default);
            var serving = new ServingStates();
            foreach (var a in await ctx.Assignments.Where(a => a.StartOn <= On && (a.EndedOn == null || a.EndedOn >= On))
                .Select(a => new { a.Id, a.PersonId, a.StartOn, a.Mission!.SendingStateCode }).ToListAsync())
                serving.AddStaff(a.PersonId, a.Id, a.StartOn, a.SendingStateCode);
            foreach (var f in await ctx.FamilyMembers.Where(f => f.StartOn <= On && (f.EndedOn == null || f.EndedOn >= On)
                    && f.PrincipalAssignment!.StartOn <= On && (f.PrincipalAssignment.EndedOn == null || f.PrincipalAssignment.EndedOn >= On))
                .Select(f => new { f.Id, f.PersonId, f.StartOn, f.PrincipalAssignment!.Mission!.SendingStateCode }).ToListAsync())
                serving.AddHousehold(f.PersonId, f.Id, f.StartOn, f.SendingStateCode);
            return (queried, await VisaStatisticsService.ResolveAsync(ctx, rows, On, serving, default));
        });

        Assert.Equal(queried, fromServing);
        Assert.Equal([first.Id.CompareTo(second.Id) < 0 ? "FR" : "IT", "PL", "IT", "UA"], queried.Select(r => r.ApplicantStateCode));
    }
}

public sealed class SqliteApplicantStateTests(SqliteTestDatabase db) : ApplicantStateTests<SqliteTestDatabase>(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresApplicantStateTests(PostgresTestDatabase db) : ApplicantStateTests<PostgresTestDatabase>(db), IClassFixture<PostgresTestDatabase>;
