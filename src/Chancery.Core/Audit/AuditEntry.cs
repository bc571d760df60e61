namespace Chancery.Core.Audit;

/// <summary>
/// One recorded change: who, when, which record, and each changed field before and after.
/// Entries are append-only and hash-chained: <see cref="Hash"/> covers the entry and
/// <see cref="PreviousHash"/>, so altering or deleting a row breaks the chain at that row.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, 1, 2, 3... without gaps.</summary>
    public long Sequence { get; set; }

    /// <summary>When the change was saved (UTC, whole milliseconds so every database stores it exactly).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Account id of the actor, when a signed-in user made the change.</summary>
    public string? UserId { get; set; }

    /// <summary>Name of the actor: the account's e-mail, or "system", "cli:root", "demo"...</summary>
    public required string UserName { get; set; }

    /// <summary>Created, Updated or Deleted.</summary>
    public required string Action { get; set; }

    /// <summary>Kind of record (Person, Visa, ...).</summary>
    public required string EntityType { get; set; }

    /// <summary>Key of the record.</summary>
    public required string EntityId { get; set; }

    /// <summary>The person the record concerns, for "history of this person".</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The mission the record concerns, when it has one.</summary>
    public Guid? MissionId { get; set; }

    /// <summary>JSON object: field → {"before": ..., "after": ...}, fields in ordinal order.</summary>
    public required string Changes { get; set; }

    /// <summary>Hash of the previous entry ("" for the first).</summary>
    public required string PreviousHash { get; set; }

    /// <summary>SHA-256 (hex) over this entry's fields and <see cref="PreviousHash"/>.</summary>
    public required string Hash { get; set; }
}
