using Chancery.Core.Audit;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Tests.Infrastructure;

/// <summary>
/// Changes the audit trail as someone with the database owner's rights could: removes the append-only triggers, runs
/// the SQL, and puts the triggers back.
/// </summary>
public static class AuditTamper
{
    /// <summary>Runs <paramref name="tamper"/> in a fresh scope of <paramref name="database"/>, as the owner.</summary>
    public static Task AsOwnerAsync(TestDatabase database, Func<ChanceryDbContext, Task> tamper) =>
        database.Read(async d => { await AsOwnerAsync(d, tamper); return 0; });

    public static async Task AsOwnerAsync(ChanceryDbContext db, Func<ChanceryDbContext, Task> tamper)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tamper);
        var sqlite = db.Database.IsSqlite();
        await db.Database.ExecuteSqlRawAsync(sqlite ? AuditAppendOnly.SqliteDown : AuditAppendOnly.PostgresDown);
        try
        {
            await tamper(db);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync(sqlite ? AuditAppendOnly.SqliteUp : AuditAppendOnly.PostgresUp);
        }
    }

    /// <summary>
    /// Applies <paramref name="edit"/> to entry <paramref name="from"/>, then rewrites it and every entry after it with hashes
    /// made by <paramref name="hash"/>, chained as the app chains them.
    /// </summary>
    public static Task RecomputeFromAsync(TestDatabase database, long from, Action<AuditEntry> edit, Func<AuditEntry, string> hash) => AsOwnerAsync(database, async d =>
    {
        var entries = await d.AuditEntries.AsNoTracking().Where(a => a.Sequence >= from - 1).OrderBy(a => a.Sequence).ToListAsync();
        var previous = entries[0].Sequence == from ? "" : entries[0].Hash;
        foreach (var entry in entries.Where(e => e.Sequence >= from))
        {
            if (entry.Sequence == from) edit(entry);
            entry.PreviousHash = previous;
            entry.Hash = hash(entry);
            previous = entry.Hash;
            await d.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"PreviousHash\" = {entry.PreviousHash}, \"Hash\" = {entry.Hash}, \"Changes\" = {entry.Changes} WHERE \"Sequence\" = {entry.Sequence}");
        }
    });
}
