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
public abstract class AuditTrailTests<TDatabase>(TDatabase db) where TDatabase : TestDatabase, new()
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

        await AuditTamper.AsOwnerAsync(db, x => x.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Changes\" = {forged} WHERE \"Sequence\" = {entry.Sequence}"));
        var result = await VerifyAsync();
        await AuditTamper.AsOwnerAsync(db, x => x.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Changes\" = {entry.Changes} WHERE \"Sequence\" = {entry.Sequence}"));

        Assert.False(result.Intact);
        Assert.Equal(entry.Sequence, result.FirstBrokenSequence);
        Assert.Contains("does not match its keyed hash", result.Message, StringComparison.Ordinal);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task DeletingAnEntryInTheDatabaseBreaksTheChainWhereItWas()
    {
        var mission = await db.CreateMissionAsync();
        await db.CreateMissionAsync();
        var entry = Assert.Single(await EntriesFor(mission.Id));

        await AuditTamper.AsOwnerAsync(db, x => x.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {entry.Sequence}"));
        var result = await VerifyAsync();
        await db.With<ChanceryDbContext, int>(d => { d.AuditEntries.Add(entry); return d.SaveChangesAsync(); });

        Assert.False(result.Intact);
        Assert.Equal(entry.Sequence, result.FirstBrokenSequence);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task TheDatabaseItselfRefusesToUpdateOrDeleteAnEntry()
    {
        var mission = await db.CreateMissionAsync();
        var entry = Assert.Single(await EntriesFor(mission.Id));

        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Read(d => d.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"UserName\" = 'nobody' WHERE \"Sequence\" = {entry.Sequence}")));
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Read(d => d.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" >= {entry.Sequence}")));

        Assert.Contains(AuditAppendOnly.Refusal, update.Message, StringComparison.Ordinal);
        Assert.Contains(AuditAppendOnly.Refusal, delete.Message, StringComparison.Ordinal);
        var after = Assert.Single(await EntriesFor(mission.Id));
        Assert.Equal((entry.UserName, entry.Hash), (after.UserName, after.Hash));
    }

    [Fact]
    public async Task DeletingTheNewestEntriesIsCaughtAgainstTheAnchorOfTheLastVerify()
    {
        await using var fresh = await FreshAsync();
        await fresh.CreateMissionAsync();
        await fresh.CreateMissionAsync();
        var anchored = await fresh.With<AuditService, AuditVerification>(s => s.VerifyAsync(default));
        var head = anchored.EntriesChecked;

        await AuditTamper.AsOwnerAsync(fresh.Database, x => x.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {head - 2}"));
        var result = await fresh.With<AuditService, AuditVerification>(s => s.VerifyAsync(default));
        var anchor = await fresh.With<AuditAnchoring, AuditAnchorResult>(s => s.AnchorAsync(default));

        Assert.True(anchored.Intact, anchored.Message);
        Assert.Equal(head, anchored.Anchored?.Sequence);
        Assert.False(result.Intact);
        Assert.Equal(head - 1, result.FirstBrokenSequence);
        Assert.Contains($"The trail ends at entry {head - 2}, but entry {head} was anchored", result.Message, StringComparison.Ordinal);
        Assert.Contains($"entries {head - 1}–{head} were deleted", result.Message, StringComparison.Ordinal);
        // The shortened trail is not anchored over the evidence, by the scheduled anchoring either.
        Assert.False(anchor.Written);
        Assert.Contains("were deleted", anchor.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingAnEntryAndRecomputingTheHashesAfterItIsCaughtWithoutTheKey()
    {
        await using var fresh = await FreshAsync();
        var mission = await fresh.CreateMissionAsync();
        await fresh.CreateMissionAsync();
        var entry = Assert.Single(await fresh.Read(d => d.AuditEntries.AsNoTracking().Where(a => a.EntityId == mission.Id.ToString()).ToListAsync()));
        void Forge(AuditEntry e) => e.Changes = e.Changes.Replace(mission.City, "Somewhere else", StringComparison.Ordinal);

        // With a key of the forger's own, as a plain chain, and with the old plain form all the way from the first entry.
        var guessedKey = AuditChainKey.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await AuditTamper.RecomputeFromAsync(fresh.Database, entry.Sequence, Forge, e => AuditChain.ComputeKeyedHash(e, guessedKey));
        var withGuessedKey = await fresh.With<AuditService, AuditVerification>(s => s.VerifyAsync(default));
        await AuditTamper.RecomputeFromAsync(fresh.Database, entry.Sequence, Forge, AuditChain.ComputeHash);
        var asPlain = await fresh.With<AuditService, AuditVerification>(s => s.VerifyAsync(default));

        Assert.False(withGuessedKey.Intact);
        Assert.Equal(entry.Sequence, withGuessedKey.FirstBrokenSequence);
        Assert.Contains("does not match its keyed hash", withGuessedKey.Message, StringComparison.Ordinal);
        Assert.False(asPlain.Intact);
        Assert.Equal(entry.Sequence, asPlain.FirstBrokenSequence);
        Assert.Contains("has a plain hash although the chain is keyed from entry 1", asPlain.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RewritingTheWholeChainInThePlainFormIsCaughtAgainstTheAnchor()
    {
        await using var fresh = await FreshAsync();
        await fresh.CreateMissionAsync();
        var anchored = await fresh.With<AuditService, AuditVerification>(s => s.VerifyAsync(default));

        // Every entry recomputed in the form entries had before the chain was keyed: consistent, and needing no key.
        await AuditTamper.RecomputeFromAsync(fresh.Database, 1, _ => { }, AuditChain.ComputeHash);
        var result = await fresh.With<AuditService, AuditVerification>(s => s.VerifyAsync(default));

        Assert.True(anchored.Intact, anchored.Message);
        Assert.False(result.Intact);
        Assert.Contains($"Entry {anchored.EntriesChecked} no longer carries the hash anchored on", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATrailWrittenBeforeTheChainWasKeyedKeepsVerifyingAndTheKeyedChainFollowsIt()
    {
        // Three entries as the previous version wrote them (plain SHA-256), in a database it had migrated.
        await using var upgraded = await FreshAsync(async d =>
            {
                var previous = "";
                for (var sequence = 1L; sequence <= 3; sequence++)
                {
                    var entry = new AuditEntry
                    {
                        Sequence = sequence,
                        At = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero),
                        UserName = "demo",
                        Action = "Created",
                        EntityType = "Mission",
                        EntityId = Guid.NewGuid().ToString(),
                        Changes = "{}",
                        PreviousHash = previous,
                        Hash = "",
                    };
                    entry.Hash = AuditChain.ComputeHash(entry);
                    previous = entry.Hash;
                    d.AuditEntries.Add(entry);
                }
                await d.SaveChangesAsync();
            });
        await upgraded.CreateMissionAsync();

        var result = await upgraded.With<AuditService, AuditVerification>(s => s.VerifyAsync(default));

        Assert.True(result.Intact, result.Message);
        Assert.Equal(4, result.KeyedFrom);
        Assert.Contains("1–3 with plain hashes from before the chain was keyed", result.Message, StringComparison.Ordinal);
        Assert.Equal(4, result.Anchored?.KeyedFrom);
    }

    private static async Task<FreshDatabase> FreshAsync(Func<ChanceryDbContext, Task>? beforeStart = null)
    {
        var fresh = new TDatabase { BeforeStart = beforeStart };
        await fresh.InitializeAsync();
        return new FreshDatabase(fresh);
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

/// <summary>A database of one test's own (for tampering that would spoil the class's shared one), dropped afterwards.</summary>
internal sealed class FreshDatabase(TestDatabase db) : IAsyncDisposable
{
    public TestDatabase Database => db;

    public Task<TResult> With<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull => db.With(work);

    public Task<TResult> Read<TResult>(Func<ChanceryDbContext, Task<TResult>> query) => db.Read(query);

    public Task<Missions.MissionDto> CreateMissionAsync() => db.CreateMissionAsync();

    public ValueTask DisposeAsync() => new(db.DisposeAsync());
}
