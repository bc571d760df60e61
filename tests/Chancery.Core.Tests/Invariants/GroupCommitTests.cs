using Chancery.Core.Audit;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Core.Tests.Invariants;

/// <summary>
/// Group commit at the write gate: writes queued while a batch is open commit together, each is acknowledged only once
/// its batch has committed, a write that fails is undone alone with its own error, and the audit chain stays whole.
/// Each test holds the gate with a write that waits for a signal, so which writes share a batch does not depend on timing:
/// a <c>SaveChangesAsync</c> call has joined the queue by the time it returns its task.
/// </summary>
public abstract class GroupCommitTests<TDatabase>(TDatabase db) where TDatabase : TestDatabase
{
    /// <summary>A write holding its turn at the gate until <see cref="Release"/>; the writes queued meanwhile form the next batch.</summary>
    private sealed class Holder : IAsyncDisposable
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly AsyncServiceScope _scope;

        public Holder(TestDatabase db, string city)
        {
            _scope = db.Scope();
            var context = _scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Write = context.InTransactionAsync(async ct =>
            {
                started.SetResult();
                await _release.Task;
                context.Missions.Add(Mission(city));
                return await context.SaveChangesAsync(ct);
            }, default);
            Started = started.Task;
        }

        public Task Started { get; }
        public Task<int> Write { get; }
        public void Release() => _release.TrySetResult();

        public async ValueTask DisposeAsync()
        {
            Release();
            await _scope.DisposeAsync();
        }
    }

    /// <summary>A context of its own (as each request has) with one change added, and its save started: it is queued.</summary>
    private sealed class Queued : IAsyncDisposable
    {
        private readonly AsyncServiceScope _scope;

        public Queued(TestDatabase db, Action<ChanceryDbContext> change, CancellationToken ct = default)
        {
            _scope = db.Scope();
            var context = _scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
            change(context);
            Save = context.SaveChangesAsync(ct);
        }

        public Task<int> Save { get; }

        public ValueTask DisposeAsync() => _scope.DisposeAsync();
    }

    private static Mission Mission(string city) => new() { SendingStateCode = "RU", ReceivingStateCode = "US", Kind = MissionKind.Consulate, City = city };

    private static Person Person(string passport) => new()
    {
        FamilyName = "Соколова",
        GivenNames = "Ирина",
        FamilyNameLatin = "Sokolova",
        GivenNamesLatin = "Irina " + A.Unique(),
        NationalityCode = "RU",
        PassportNumber = passport,
        PassportIssuingStateCode = "RU",
        PassportType = PassportType.Diplomatic,
    };

    private (long Batches, long Writes) Committed()
    {
        using var scope = db.Scope();
        return scope.ServiceProvider.GetRequiredService<WriteGate>().Committed;
    }

    private Task<int> AuditEntriesFor(IEnumerable<Guid> ids)
    {
        var keys = ids.Select(i => i.ToString()).ToList();
        return db.Read(d => d.AuditEntries.CountAsync(a => keys.Contains(a.EntityId)));
    }

    private Task<AuditVerification> VerifyAsync() => db.With<AuditService, AuditVerification>(s => s.VerifyAsync(default));

    [Fact]
    public async Task WritesQueuedTogetherCommitOnceAndAreEachSavedWithTheirAuditEntry()
    {
        var before = Committed();
        await using var holder = new Holder(db, "Hold " + A.Unique());
        await holder.Started;
        var people = Enumerable.Range(0, 20).Select(_ => Person(A.Passport())).ToList();
        var queued = people.Select(p => new Queued(db, c => c.People.Add(p))).ToList();

        // Nothing is acknowledged while the batch before them is open.
        Assert.All(queued, q => Assert.False(q.Save.IsCompleted));
        holder.Release();
        await holder.Write;
        await Task.WhenAll(queued.Select(q => q.Save));

        var after = Committed();
        Assert.Equal((2L, 21L), (after.Batches - before.Batches, after.Writes - before.Writes));
        var ids = people.Select(p => p.Id).ToList();
        Assert.Equal(20, await db.Read(d => d.People.CountAsync(p => ids.Contains(p.Id))));
        Assert.Equal(20, await AuditEntriesFor(ids));
        Assert.True((await VerifyAsync()).Intact);
        foreach (var q in queued) await q.DisposeAsync();
    }

    [Fact]
    public async Task AFailingWriteGetsItsOwnErrorWhileTheWritesAroundItInTheBatchCommit()
    {
        var taken = await db.CreatePersonAsync();
        var before = Committed();
        await using var holder = new Holder(db, "Hold " + A.Unique());
        await holder.Started;
        var first = Person(A.Passport());
        var duplicate = Person(taken.PassportNumber!);
        var last = Person(A.Passport());
        await using var a = new Queued(db, c => c.People.Add(first));
        await using var b = new Queued(db, c => c.People.Add(duplicate));
        await using var c = new Queued(db, c => c.People.Add(last));
        holder.Release();
        await holder.Write;

        // The duplicate passport is refused by the unique index, with the database's own error...
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => b.Save);
        Assert.True(DatabaseInitializer.IsUniqueViolation(refused));
        // ...while the writes before and after it in the same batch are saved, with their audit entries, in one commit.
        await a.Save;
        await c.Save;
        var after = Committed();
        Assert.Equal((2L, 3L), (after.Batches - before.Batches, after.Writes - before.Writes));
        Assert.Equal(new[] { first.Id, last.Id }.Order(), (await db.Read(d => d.People.Where(p => p.Id == first.Id || p.Id == duplicate.Id || p.Id == last.Id).Select(p => p.Id).ToListAsync())).Order());
        Assert.Equal(2, await AuditEntriesFor([first.Id, duplicate.Id, last.Id]));
        Assert.Equal(0, await AuditEntriesFor([duplicate.Id]));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AWriteCancelledWhileQueuedIsNotSavedAndTheOthersAre()
    {
        await using var holder = new Holder(db, "Hold " + A.Unique());
        await holder.Started;
        using var cancel = new CancellationTokenSource();
        var dropped = Person(A.Passport());
        var kept = Person(A.Passport());
        await using var a = new Queued(db, c => c.People.Add(dropped), cancel.Token);
        await using var b = new Queued(db, c => c.People.Add(kept));
        await cancel.CancelAsync();
        holder.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.Save);
        await b.Save;
        Assert.Equal([kept.Id], await db.Read(d => d.People.Where(p => p.Id == dropped.Id || p.Id == kept.Id).Select(p => p.Id).ToListAsync()));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task ATransactionInABatchReadsTheWritesBeforeItAndFailsAloneWhenItThrows()
    {
        await using var holder = new Holder(db, "Hold " + A.Unique());
        await holder.Started;
        var city = "Batch " + A.Unique();
        await using var a = new Queued(db, c => c.Missions.Add(Mission(city)));
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
        // A command that records a second mission in the same city after checking the first is there, then fails:
        // what it wrote is undone, the mission before it in the batch stays.
        var command = context.InTransactionAsync<int>(async ct =>
        {
            var seen = await context.Missions.CountAsync(m => m.City == city, ct);
            context.Missions.Add(Mission(city));
            await context.SaveChangesAsync(ct);
            throw new InvalidOperationException($"saw {seen} mission(s) in {city} before writing");
        }, default);
        holder.Release();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => command);
        Assert.Equal($"saw 1 mission(s) in {city} before writing", failure.Message);
        await a.Save;
        Assert.Equal(1, await db.Read(d => d.Missions.CountAsync(m => m.City == city)));
        Assert.True((await VerifyAsync()).Intact);
        // The context that failed has its own connection again and can write on its own.
        context.ChangeTracker.Clear();
        context.Missions.Add(Mission(city + " again"));
        await context.SaveChangesAsync();
        Assert.Equal(1, await db.Read(d => d.Missions.CountAsync(m => m.City == city + " again")));
    }
}

public sealed class SqliteGroupCommitTests(SqliteTestDatabase db) : GroupCommitTests<SqliteTestDatabase>(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresGroupCommitTests(PostgresTestDatabase db) : GroupCommitTests<PostgresTestDatabase>(db), IClassFixture<PostgresTestDatabase>;
