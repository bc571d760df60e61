using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Chancery.Core.Audit;

/// <summary>
/// The hash chain: pure functions over entries. Entries written before the chain was keyed carry a plain SHA-256 (hex)
/// and keep it, so existing trails still verify; every later entry carries <see cref="KeyedPrefix"/> and an HMAC-SHA256
/// with the <see cref="AuditChainKey"/>, which someone without the key cannot recompute. Once keyed, a chain stays keyed.
/// </summary>
public static class AuditChain
{
    /// <summary>Marks a keyed hash: "hmac:" and the base64 of the HMAC-SHA256 (fits the 64 characters of the column).</summary>
    public const string KeyedPrefix = "hmac:";

    /// <summary>Whether <paramref name="hash"/> is keyed.</summary>
    public static bool IsKeyed(string hash) => hash is not null && hash.StartsWith(KeyedPrefix, StringComparison.Ordinal);

    /// <summary>The plain SHA-256 an entry written before the chain was keyed carries.</summary>
    public static string ComputeHash(AuditEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Canonical(entry)));

    /// <summary>The keyed hash an entry must carry, given its fields, its predecessor's hash and the key.</summary>
    public static string ComputeKeyedHash(AuditEntry entry, AuditChainKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return KeyedPrefix + Convert.ToBase64String(key.Sign(Canonical(entry)));
    }

    private static byte[] Canonical(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Encoding.UTF8.GetBytes(string.Join('\u001f',
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            entry.UserId ?? "", entry.UserName, entry.Action, entry.EntityType, entry.EntityId,
            entry.PersonId?.ToString() ?? "", entry.MissionId?.ToString() ?? "", entry.Changes, entry.PreviousHash));
    }

    /// <summary>
    /// Checks entries in sequence order. Returns the first entry that is out of place: a gap in the
    /// sequence (a row was deleted), a predecessor hash that does not match (a row before it changed
    /// or vanished), or a hash that does not match the entry's own content (the row was altered).
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entriesInOrder, AuditChainKey? key)
    {
        ArgumentNullException.ThrowIfNull(entriesInOrder);
        var verifier = new AuditChainVerifier(key);
        foreach (var entry in entriesInOrder)
            if (verifier.Check(entry) is { } broken) return broken;
        return verifier.Result();
    }
}

/// <summary>Checks a chain one entry at a time, so a long trail is verified without loading it whole.</summary>
public sealed class AuditChainVerifier(AuditChainKey? key)
{
    private long _expected = 1;
    private string _previousHash = "";

    /// <summary>The first keyed entry seen, if any.</summary>
    public long? KeyedFrom { get; private set; }

    /// <summary>The last entry that passed: its number (0 for none) and hash.</summary>
    public (long Sequence, string Hash) Head => (_expected - 1, _previousHash);

    /// <summary>Checks the next entry; returns the failure, or null when it fits.</summary>
    public AuditVerification? Check(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var count = _expected - 1;
        if (entry.Sequence != _expected)
            return Broken(count, _expected, $"Entry {_expected} is missing (the next entry is {entry.Sequence}): a row was deleted.");
        if (entry.PreviousHash != _previousHash)
            return Broken(count, entry.Sequence, $"Entry {entry.Sequence} does not follow the entry before it: the chain was altered there.");
        if (AuditChain.IsKeyed(entry.Hash))
        {
            if (key is null)
                return Broken(count, entry.Sequence, $"Entry {entry.Sequence} is keyed, and no audit chain key is configured to check it (Audit:ChainKey or Audit:ChainKeyFile).");
            if (AuditChain.ComputeKeyedHash(entry, key) != entry.Hash)
                return Broken(count, entry.Sequence,
                    $"Entry {entry.Sequence} does not match its keyed hash: its content was altered and the chain recomputed without the key " +
                    $"(or the configured key, id {key.KeyId}, is not the one the trail was written with).");
            KeyedFrom ??= entry.Sequence;
        }
        else if (KeyedFrom is { } keyed)
        {
            return Broken(count, entry.Sequence, $"Entry {entry.Sequence} has a plain hash although the chain is keyed from entry {keyed}: the chain was rewritten from there.");
        }
        else if (AuditChain.ComputeHash(entry) != entry.Hash)
        {
            return Broken(count, entry.Sequence, $"Entry {entry.Sequence} does not match its hash: its content was altered.");
        }
        _previousHash = entry.Hash;
        _expected++;
        return null;
    }

    /// <summary>The verdict once every entry passed.</summary>
    public AuditVerification Result()
    {
        var count = _expected - 1;
        var form = KeyedFrom switch
        {
            null => "",
            1 => " (keyed throughout)",
            { } k => $" (1–{k - 1} with plain hashes from before the chain was keyed, {k}–{count} keyed)",
        };
        return new(true, count, null, count == 0 ? "The audit trail is empty." : $"All {count} entries are intact{form}.") { KeyedFrom = KeyedFrom };
    }

    private AuditVerification Broken(long count, long at, string message) => new(false, count, at, message) { KeyedFrom = KeyedFrom };
}

/// <summary>Result of checking the chain.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenSequence, string Message)
{
    /// <summary>The first entry of the keyed chain (entries before it carry plain hashes from an earlier version), if any.</summary>
    public long? KeyedFrom { get; init; }

    /// <summary>The anchor the head was checked against, if there was one.</summary>
    public AuditAnchor? CheckedAgainst { get; init; }

    /// <summary>The anchor written after this check (an intact chain whose head moved), if any.</summary>
    public AuditAnchor? Anchored { get; init; }
}
