using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Chancery.Core.Audit;

/// <summary>The hash chain: pure functions over entries.</summary>
public static class AuditChain
{
    /// <summary>The hash an entry must carry, given its fields and its predecessor's hash.</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var canonical = string.Join('\u001f',
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            entry.UserId ?? "", entry.UserName, entry.Action, entry.EntityType, entry.EntityId,
            entry.PersonId?.ToString() ?? "", entry.MissionId?.ToString() ?? "", entry.Changes, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// Checks entries in sequence order. Returns the first entry that is out of place: a gap in the
    /// sequence (a row was deleted), a predecessor hash that does not match (a row before it changed
    /// or vanished), or a hash that does not match the entry's own content (the row was altered).
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entriesInOrder)
    {
        ArgumentNullException.ThrowIfNull(entriesInOrder);
        var verifier = new AuditChainVerifier();
        foreach (var entry in entriesInOrder)
            if (verifier.Check(entry) is { } broken) return broken;
        return verifier.Result();
    }
}

/// <summary>Checks a chain one entry at a time, so a long trail is verified without loading it whole.</summary>
public sealed class AuditChainVerifier
{
    private long _expected = 1;
    private string _previousHash = "";

    /// <summary>Checks the next entry; returns the failure, or null when it fits.</summary>
    public AuditVerification? Check(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var count = _expected - 1;
        if (entry.Sequence != _expected)
            return new(false, count, _expected, $"Entry {_expected} is missing (the next entry is {entry.Sequence}): a row was deleted.");
        if (entry.PreviousHash != _previousHash)
            return new(false, count, entry.Sequence, $"Entry {entry.Sequence} does not follow the entry before it: the chain was altered there.");
        if (AuditChain.ComputeHash(entry) != entry.Hash)
            return new(false, count, entry.Sequence, $"Entry {entry.Sequence} does not match its hash: its content was altered.");
        _previousHash = entry.Hash;
        _expected++;
        return null;
    }

    /// <summary>The verdict once every entry passed.</summary>
    public AuditVerification Result()
    {
        var count = _expected - 1;
        return new(true, count, null, count == 0 ? "The audit trail is empty." : $"All {count} entries are intact.");
    }
}

/// <summary>Result of checking the chain.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenSequence, string Message);
