using System.Text.Json;
using Chancery.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Chancery.Core.Audit;

/// <summary>
/// The chain's head as recorded outside the database at a moment: its entry number and hash, where the keyed chain starts
/// and which key made it. A later check finds the trail shorter than an anchor (its tail was deleted) or the anchored
/// entry with another hash (the chain was rewritten) even when the rows left are consistent among themselves.
/// </summary>
public sealed record AuditAnchor(DateTimeOffset AnchoredAt, long Sequence, string Hash, long? KeyedFrom, string? KeyId)
{
    /// <summary>One line for logs and paper records.</summary>
    public override string ToString() =>
        $"entry {Sequence} hash {Hash} (keyed from entry {KeyedFrom?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, key id {KeyId ?? "none"}) " +
        $"anchored {AnchoredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z";
}

/// <summary>
/// The anchors, one JSON object a line, appended to a file outside the database (<c>Audit:AnchorFile</c>; by default beside
/// a SQLite database as <c>chancery.db.audit-anchors</c>, or <c>data/audit-anchors</c> under the working directory). Put it
/// where the database's users cannot write (another volume, a host that ships it away); each anchor is also logged.
/// </summary>
public sealed class AuditAnchorFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _write = new();

    /// <summary>Where the anchors are kept.</summary>
    public string Path { get; } = path;

    /// <summary>Reads the settings (see the class summary).</summary>
    public static AuditAnchorFile From(IConfiguration configuration, DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        if (configuration["Audit:AnchorFile"] is { Length: > 0 } configured) return new(System.IO.Path.GetFullPath(configured));
        var file = database.Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(database.ConnectionString).DataSource : null;
        return string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? new(System.IO.Path.GetFullPath(System.IO.Path.Combine("data", "audit-anchors")))
            : new(System.IO.Path.GetFullPath(file) + ".audit-anchors");
    }

    /// <summary>The anchor with the highest entry number, or null when nothing was anchored yet.</summary>
    public AuditAnchor? Latest()
    {
        if (!File.Exists(Path)) return null;
        AuditAnchor? latest = null;
        foreach (var line in File.ReadLines(Path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            AuditAnchor? anchor;
            try
            {
                anchor = JsonSerializer.Deserialize<AuditAnchor>(line, Json);
            }
            catch (JsonException)
            {
                // A torn last line (power cut while appending) holds no anchor; the ones before it still count.
                continue;
            }
            if (anchor is not null && (latest is null || anchor.Sequence >= latest.Sequence)) latest = anchor;
        }
        return latest;
    }

    /// <summary>Appends <paramref name="anchor"/> and flushes it to disk.</summary>
    public void Append(AuditAnchor anchor)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        lock (_write)
        {
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(anchor, Json) + "\n"));
            stream.Flush(flushToDisk: true);
        }
    }
}

/// <summary>What anchoring the head found: the head, whether it was written to the anchor file, or why it was refused.</summary>
public sealed record AuditAnchorResult(AuditAnchor Head, bool Written, string? Problem, string AnchorFile);

/// <summary>Verifies the chain against its last anchor, and anchors its head: at each verify, on a schedule, and on demand.</summary>
public sealed class AuditAnchoring(ChanceryDbContext db, AuditChainKey key, AuditAnchorFile anchors, TimeProvider clock, ILogger<AuditAnchoring> logger)
{
    /// <summary>
    /// Walks the whole chain in order and checks its head against the last anchor; when all is intact and the head moved,
    /// anchors the new head. A broken chain is never anchored: the old anchor keeps the evidence.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        var anchor = anchors.Latest();
        var verifier = new AuditChainVerifier(key);
        string? hashAtAnchor = null;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
        {
            if (verifier.Check(entry) is { } broken) return Logged(broken with { CheckedAgainst = anchor });
            if (entry.Sequence == anchor?.Sequence) hashAtAnchor = entry.Hash;
        }
        var result = verifier.Result() with { CheckedAgainst = anchor };
        var (head, headHash) = verifier.Head;
        if (anchor is not null && AgainstAnchor(anchor, head, hashAtAnchor, verifier.KeyedFrom) is { } problem)
            return Logged(result with { Intact = false, FirstBrokenSequence = Math.Min(head + 1, anchor.Sequence), Message = problem });
        if (head == 0) return result;
        var current = new AuditAnchor(clock.GetUtcNow(), head, headHash, verifier.KeyedFrom, key.KeyId);
        if (anchor is null || anchor.Sequence != head || anchor.Hash != headHash)
        {
            Write(current);
            return result with { Anchored = current, Message = result.Message + $" Head anchored: {current}." };
        }
        logger.LogInformation("Audit chain verified: {Message} Head {Anchor} as anchored.", result.Message, anchor);
        return result;
    }

    /// <summary>
    /// Anchors the chain's head without walking the chain (cheap enough for a schedule): only after checking that the
    /// trail still reaches the last anchor with the same hash, so that a tail deleted since is never anchored over.
    /// </summary>
    public async Task<AuditAnchorResult> AnchorAsync(CancellationToken ct)
    {
        var anchor = anchors.Latest();
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var keyedFrom = await db.AuditEntries.AsNoTracking().Where(a => a.Hash.StartsWith(AuditChain.KeyedPrefix))
            .OrderBy(a => a.Sequence).Select(a => (long?)a.Sequence).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var current = new AuditAnchor(clock.GetUtcNow(), head?.Sequence ?? 0, head?.Hash ?? "", keyedFrom, key.KeyId);
        if (anchor is not null)
        {
            var hashAtAnchor = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == anchor.Sequence)
                .Select(a => a.Hash).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (AgainstAnchor(anchor, current.Sequence, hashAtAnchor, keyedFrom) is { } problem)
            {
                logger.LogError("Audit chain not anchored: {Problem}", problem);
                return new(current, false, problem, anchors.Path);
            }
            if (anchor.Sequence == current.Sequence && anchor.Hash == current.Hash)
            {
                logger.LogInformation("Audit chain head unchanged since its anchor: {Anchor}.", anchor);
                return new(current, false, null, anchors.Path);
            }
        }
        if (current.Sequence == 0) return new(current, false, null, anchors.Path);
        Write(current);
        return new(current, true, null, anchors.Path);
    }

    private static string? AgainstAnchor(AuditAnchor anchor, long head, string? hashAtAnchor, long? keyedFrom)
    {
        var when = $"{anchor.AnchoredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z";
        if (head < anchor.Sequence)
            return head == 0
                ? $"The trail is empty, but entry {anchor.Sequence} was anchored on {when}: every entry was deleted."
                : $"The trail ends at entry {head}, but entry {anchor.Sequence} was anchored on {when}: entries {head + 1}–{anchor.Sequence} were deleted.";
        if (hashAtAnchor != anchor.Hash)
            return $"Entry {anchor.Sequence} no longer carries the hash anchored on {when}: the chain was rewritten up to there and recomputed.";
        if (anchor.KeyedFrom is { } k && keyedFrom != k)
            return $"The chain was keyed from entry {k} when anchored on {when}, and is not now: the chain was rewritten.";
        return null;
    }

    private void Write(AuditAnchor anchor)
    {
        anchors.Append(anchor);
        logger.LogInformation("Audit chain anchored to {File}: {Anchor}.", anchors.Path, anchor);
    }

    private AuditVerification Logged(AuditVerification broken)
    {
        logger.LogError("Audit chain broken at entry {Entry}: {Message}", broken.FirstBrokenSequence, broken.Message);
        return broken;
    }
}
