using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Data;

/// <summary>
/// Runs this process's writes one after another, several to a commit (group commit). A write (a <c>SaveChanges</c>, or
/// the work of <see cref="ChanceryDbContext.InTransactionAsync{T}"/>) waits for its turn, then runs on the gate's writer
/// connection inside the batch's transaction, within a savepoint of its own: if it fails, its savepoint is rolled back
/// and it gets its own error while the writes before and after it go on. Once the writes queued when the batch began
/// have had their turn, the batch commits once, and only then is each write acknowledged: a write is never reported
/// done before its commit is durable (SQLite <c>synchronous=FULL</c>, PostgreSQL as the server is set), and if the
/// commit fails, every write of the batch fails.
/// <para>
/// Why: a commit costs a flush to disk (about 5 ms on the development machine), and SQLite allows one writer at a time,
/// so writes committed one by one queue behind each other's flushes (p99 over 100 ms with 16 writers); PostgreSQL writes
/// queue the same way on the audit chain's lock, held until commit. Batching pays one flush for the whole queue. The
/// audit chain stays whole: each write reads the chain's head inside the batch (the writes before it in the batch
/// included) and a write rolled back takes its entries with it.
/// </para>
/// One instance per database, a singleton. Writes wait for each other, so a write must not wait for another write.
/// </summary>
public sealed class WriteGate(DatabaseSettings settings)
{
    /// <summary>Most writes in one batch, so that a long queue still commits every so often.</summary>
    public const int MaxBatch = 64;

    private const string Savepoint = "chancery_write";
    private readonly DbContextOptions<ChanceryDbContext> _writerOptions = WriterOptions(settings);
    private readonly Lock _lock = new();
    private readonly LinkedList<Unit> _queue = new();
    private bool _running;
    private long _batches;
    private long _writes;

    /// <summary>Batches committed and writes acknowledged so far (for the benchmark's report).</summary>
    public (long Batches, long Writes) Committed => (Interlocked.Read(ref _batches), Interlocked.Read(ref _writes));

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="context"/> attached to the writer connection, inside the current
    /// batch's transaction; returns once the batch has committed. Throws what <paramref name="work"/> threw (nothing of it
    /// is written), or the commit's error.
    /// </summary>
    public async Task<T> RunAsync<T>(DbContext context, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        ct.ThrowIfCancellationRequested();
        var unit = new Unit();
        var start = false;
        lock (_lock)
        {
            unit.Node = _queue.AddLast(unit);
            if (!_running) start = _running = true;
        }
        if (start)
        {
            // The loop outlives this write: it must not carry this request's context (its async locals) along.
            using (ExecutionContext.SuppressFlow())
                _ = Task.Run(LoopAsync, CancellationToken.None);
        }
        Batch batch;
        using (ct.Register(() => Abandon(unit)))
            batch = await unit.Turn.Task.ConfigureAwait(false);

        T result;
        try
        {
            result = await batch.RunAsync(context, work, ct).ConfigureAwait(false);
        }
        catch
        {
            unit.Done.SetResult(false);
            throw;
        }
        unit.Done.SetResult(true);
        await unit.Acknowledged.Task.ConfigureAwait(false);
        return result;
    }

    // A write cancelled before its turn leaves the queue; once its turn has come, the work sees the token itself.
    private void Abandon(Unit unit)
    {
        lock (_lock)
        {
            if (unit.Node?.List is not null) _queue.Remove(unit.Node);
        }
        unit.Turn.TrySetCanceled();
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            var units = new List<Unit>();
            lock (_lock)
            {
                while (_queue.First is { } first && units.Count < MaxBatch)
                {
                    _queue.RemoveFirst();
                    units.Add(first.Value);
                }
                if (units.Count == 0)
                {
                    _running = false;
                    return;
                }
            }
            var rest = await RunBatchAsync(units).ConfigureAwait(false);
            if (rest.Count == 0) continue;
            // Writes that did not get their turn because the batch broke go first in the next one.
            lock (_lock)
            {
                for (var i = rest.Count - 1; i >= 0; i--) rest[i].Node = _queue.AddFirst(rest[i]);
            }
        }
    }

    /// <summary>One batch: gives each write its turn, commits, acknowledges. Returns the writes left without a turn.</summary>
    private async Task<List<Unit>> RunBatchAsync(List<Unit> units)
    {
        var done = new List<Unit>();
        var next = 0;
        var begun = false;
        try
        {
            var writer = new ChanceryDbContext(_writerOptions);
            await using (writer.ConfigureAwait(false))
            {
                // Opened through EF so that the connection gets what the app's connections get (SQLite pragmas and functions).
                await writer.Database.OpenConnectionAsync().ConfigureAwait(false);
                var connection = writer.Database.GetDbConnection();
                var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    begun = true;
                    var batch = new Batch(connection, transaction);
                    for (; next < units.Count && !batch.Broken; next++)
                    {
                        var unit = units[next];
                        if (!unit.Turn.TrySetResult(batch)) continue;
                        if (await unit.Done.Task.ConfigureAwait(false)) done.Add(unit);
                    }
                    if (batch.Broken)
                        throw new InvalidOperationException("A write failed in a way that undid its batch's transaction; the writes of the batch before it were not saved. Try again.", batch.Failure);
                    await transaction.CommitAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            if (!begun)
            {
                // The database could not be reached: every write of the batch gets the error.
                foreach (var unit in units) unit.Turn.TrySetException(ex);
                return [];
            }
            // The writes that ran are lost with the batch; those that did not get their turn wait for the next one.
            foreach (var unit in done) unit.Acknowledged.TrySetException(ex);
            return units[next..];
        }
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _writes, done.Count);
        foreach (var unit in done) unit.Acknowledged.TrySetResult();
        return [];
    }

    private static DbContextOptions<ChanceryDbContext> WriterOptions(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new DbContextOptionsBuilder<ChanceryDbContext>();
        settings.Apply(builder);
        return builder.Options;
    }

    private sealed class Unit
    {
        public LinkedListNode<Unit>? Node { get; set; }
        public TaskCompletionSource<Batch> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Acknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The writer connection and the batch's transaction, lent to one write at a time.</summary>
    private sealed class Batch(DbConnection connection, DbTransaction transaction)
    {
        public bool Broken { get; private set; }
        public Exception? Failure { get; private set; }

        public async Task<T> RunAsync<T>(DbContext context, Func<CancellationToken, Task<T>> work, CancellationToken ct)
        {
            var database = context.Database;
            var ownConnectionString = database.GetConnectionString();
            await transaction.SaveAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
            // The context's own connection is closed between commands, so it can be swapped for the writer's.
            database.SetDbConnection(connection, contextOwnsConnection: false);
            var joined = await database.UseTransactionAsync(transaction, CancellationToken.None).ConfigureAwait(false);
            try
            {
                var result = await work(ct).ConfigureAwait(false);
                await transaction.ReleaseAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
                return result;
            }
            catch (Exception ex)
            {
                try
                {
                    await transaction.RollbackAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
                    await transaction.ReleaseAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // E.g. SQLite rolled the whole transaction back itself (disk full, I/O error): the batch cannot commit.
                    Broken = true;
                    Failure = ex;
                }
                throw;
            }
            finally
            {
                // Back to a connection of its own, made when next needed from the connection string (or from the
                // provider's data source, when it has one: then the context still knows its connection string).
                joined?.Dispose();
                database.SetDbConnection(null, contextOwnsConnection: true);
                if (database.GetConnectionString() is null) database.SetConnectionString(ownConnectionString);
            }
        }
    }
}
