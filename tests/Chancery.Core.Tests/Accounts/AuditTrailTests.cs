using System.Text.Json;
using Chancery.Core.Accounts;
using Chancery.Core.Audit;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Core.Tests.Accounts;

/// <summary>The audit trail: one entry per write, before and after, in the same transaction, hash-chained.</summary>
public abstract class AuditTrailTests<TDatabase>(TDatabase db) where TDatabase : TestDatabase
{
    private Task<List<AuditEntry>> EntriesFor(Guid id) =>
        db.Read(d => d.AuditEntries.AsNoTracking().Where(a => a.EntityId == id.ToString()).OrderBy(a => a.Sequence).ToListAsync());

    private Task<AuditVerification> VerifyAsync() => db.With<AuditService, AuditVerification>(s => s.VerifyAsync(default));

    private static JsonElement Change(AuditEntry entry, string field) => JsonDocument.Parse(entry.Changes).RootElement.GetProperty(field);

    [Fact]
    public async Task CreateUpdateAndDeleteEachRecordOneEntryWithBeforeAndAfter()
    {
        var mission = await db.CreateMissionAsync();
        var moved = await db.With<MissionService, MissionDto>(s => s.UpdateAsync(mission.Id, A.Mission() with { City = "Geneva " + A.Unique(), Version = mission.Version }, default));
        await db.With<MissionService, bool>(async s => { await s.DeleteAsync(mission.Id, moved.Version, default); return true; });

        var entries = await EntriesFor(mission.Id);

        Assert.Equal(["Created", "Updated", "Deleted"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("Mission", e.EntityType));
        Assert.Equal(mission.City, Change(entries[0], "city").GetProperty("after").GetString());
        Assert.Equal(JsonValueKind.Null, Change(entries[0], "city").GetProperty("before").ValueKind);
        // The update names only what changed, with both values.
        Assert.Equal(["city"], JsonDocument.Parse(entries[1].Changes).RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal((mission.City, moved.City), (Change(entries[1], "city").GetProperty("before").GetString(), Change(entries[1], "city").GetProperty("after").GetString()));
        Assert.Equal(moved.City, Change(entries[2], "city").GetProperty("before").GetString());
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task EveryKindOfRecordGetsExactlyOneEntryPerWrite()
    {
        var principal = await db.CreatePrincipalAsync();
        var spouse = await db.CreatePersonAsync(A.Person(givenNames: A.Unique()));
        var link = await db.CreateFamilyMemberAsync(A.Spouse(spouse.Id, principal.Id));
        var visa = await db.CreateVisaAsync(A.Visa(spouse.Id));
        var cancelled = await db.With<Visas.VisaService, Visas.VisaDto>(s => s.UpdateAsync(visa.Id,
            A.Visa(spouse.Id) with { Number = visa.Number, CancelledOn = new DateOnly(2021, 7, 12), Version = visa.Version }, default));

        Assert.Equal(["Created"], (await EntriesFor(principal.Id)).Select(e => $"{e.Action}"));
        Assert.Equal(["Created"], (await EntriesFor(link.Id)).Select(e => e.Action));
        var visaEntries = await EntriesFor(visa.Id);
        Assert.Equal(["Created", "Updated"], visaEntries.Select(e => e.Action));
        Assert.Equal(["cancelledOn"], JsonDocument.Parse(visaEntries[1].Changes).RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2021-07-12", Change(visaEntries[1], "cancelledOn").GetProperty("after").GetString());
        Assert.Equal(spouse.Id, visaEntries[0].PersonId);
        Assert.Equal(cancelled.Version, visa.Version + 1);
    }

    [Fact]
    public async Task NewAccountIsAuditedUnderReadableNamesWithoutItsPasswordHash()
    {
        var account = await db.With<UserService, UserDto>(s => s.CreateAsync(
            new NewUserInput($"clerk-{A.Unique()}@example.org", "harbour violet lantern", [Roles.Auditor]), default));

        var entries = await db.Read(d => d.AuditEntries.AsNoTracking().Where(a => a.EntityId.Contains(account.Id.ToString())).ToListAsync());

        Assert.Equal(["User", "UserRole"], entries.Select(e => e.EntityType).Order(StringComparer.Ordinal));
        var user = entries.Single(e => e.EntityType == "User");
        Assert.Equal("[redacted]", Change(user, "passwordHash").GetProperty("after").GetString());
        Assert.DoesNotContain("harbour", user.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntryNamesTheActorAndThePersonTheRecordConcerns()
    {
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
        context.Actor = new FixedActor("consul@example.org", "user-42");
        var person = await scope.ServiceProvider.GetRequiredService<People.PersonService>().CreateAsync(A.Person(), default);

        var entry = Assert.Single(await EntriesFor(person.Id));

        Assert.Equal(("consul@example.org", "user-42", person.Id), (entry.UserName, entry.UserId, entry.PersonId));
    }

    [Fact]
    public async Task RefusedWriteRecordsNothingAndRolledBackTransactionTakesItsEntryWithIt()
    {
        var before = await db.Read(d => d.AuditEntries.CountAsync());
        await Assert.ThrowsAsync<Common.ValidationFailedException>(() => db.CreateMissionAsync(A.Mission("FR", "FR")));

        var city = "Rollback " + A.Unique();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.With<ChanceryDbContext, int>(d => d.InTransactionAsync<int>(async ct =>
        {
            d.Missions.Add(new Mission { SendingStateCode = "FR", ReceivingStateCode = "DE", City = city });
            await d.SaveChangesAsync(ct);
            throw new InvalidOperationException("the command failed after saving");
        }, default)));

        Assert.Equal(before, await db.Read(d => d.AuditEntries.CountAsync()));
        Assert.False(await db.Read(d => d.Missions.AnyAsync(m => m.City == city)));
    }

    [Fact]
    public async Task AlteringAnEntryInTheDatabaseBreaksTheChainAtThatEntry()
    {
        var mission = await db.CreateMissionAsync();
        var entry = Assert.Single(await EntriesFor(mission.Id));
        var forged = entry.Changes.Replace(mission.City, "Somewhere else", StringComparison.Ordinal);

        await db.Read(d => d.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Changes\" = {forged} WHERE \"Sequence\" = {entry.Sequence}"));
        var result = await VerifyAsync();
        await db.Read(d => d.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Changes\" = {entry.Changes} WHERE \"Sequence\" = {entry.Sequence}"));

        Assert.False(result.Intact);
        Assert.Equal(entry.Sequence, result.FirstBrokenSequence);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task DeletingAnEntryInTheDatabaseBreaksTheChainWhereItWas()
    {
        var mission = await db.CreateMissionAsync();
        await db.CreateMissionAsync();
        var entry = Assert.Single(await EntriesFor(mission.Id));

        await db.Read(d => d.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {entry.Sequence}"));
        var result = await VerifyAsync();
        await db.With<ChanceryDbContext, int>(d => { d.AuditEntries.Add(entry); return d.SaveChangesAsync(); });

        Assert.False(result.Intact);
        Assert.Equal(entry.Sequence, result.FirstBrokenSequence);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AuditEntriesCannotBeChangedThroughTheApplication()
    {
        await db.CreateMissionAsync();
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
        var entry = await context.AuditEntries.OrderBy(a => a.Sequence).FirstAsync();
        entry.UserName = "someone else";

        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
    }
}

public sealed class SqliteAuditTrailTests(SqliteTestDatabase db) : AuditTrailTests<SqliteTestDatabase>(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresAuditTrailTests(PostgresTestDatabase db) : AuditTrailTests<PostgresTestDatabase>(db), IClassFixture<PostgresTestDatabase>;
