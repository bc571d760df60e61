using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Chancery.Core.Audit;

/// <summary>Who is making a change; the web app supplies the signed-in user, the CLI the operating-system user.</summary>
public interface IAuditActor
{
    /// <summary>Account id, when the actor is a signed-in user.</summary>
    string? UserId { get; }

    /// <summary>Name recorded in the trail.</summary>
    string UserName { get; }
}

/// <summary>A fixed actor: "system" for start-up work, "demo" for the demo seeder, "cli:name" for the command line.</summary>
public sealed record FixedActor(string UserName, string? UserId = null) : IAuditActor
{
    /// <summary>The application itself.</summary>
    public static readonly FixedActor System = new("system");
}

/// <summary>A change waiting to be written to the trail, captured before the save.</summary>
public sealed record PendingAudit(string Action, string EntityType, string EntityId, Guid? PersonId, Guid? MissionId, string Changes);

/// <summary>Turns tracked changes into audit records: one per created, updated or deleted row.</summary>
public static class AuditRecorder
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "Version", "SearchKey", "ConcurrencyStamp", "NormalizedEmail", "NormalizedUserName", "NormalizedName",
    };

    private static readonly string[] SecretMarkers = ["Password", "SecurityStamp", "Secret", "TokenHash", "AuthenticatorKey"];

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Audit records for every added, modified or deleted row other than the trail itself.</summary>
    public static List<PendingAudit> Collect(ChangeTracker tracker, Func<Type, bool> audited)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(audited);
        var pending = new List<PendingAudit>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                    throw new InvalidOperationException("The audit trail is append-only: entries cannot be changed or deleted.");
                continue;
            }
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || !audited(entry.Entity.GetType()))
                continue;
            var changes = new SortedDictionary<string, Change>(StringComparer.Ordinal);
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (Skipped.Contains(name)) continue;
                object? before = entry.State == EntityState.Added ? null : property.OriginalValue;
                object? after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
                if (entry.State == EntityState.Modified && (!property.IsModified || Equals(before, after))) continue;
                if (entry.State == EntityState.Added && after is null) continue;
                if (entry.State == EntityState.Deleted && before is null) continue;
                if (SecretMarkers.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase)))
                {
                    before = before is null ? null : "[redacted]";
                    after = after is null ? null : "[redacted]";
                }
                changes[Camel(name)] = new Change(before, after);
            }
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            var action = entry.State switch { EntityState.Added => "Created", EntityState.Deleted => "Deleted", _ => "Updated" };
            var key = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
            pending.Add(new PendingAudit(action, EntityName(entry.Metadata.ClrType), key,
                GuidOf(entry, "PersonId") ?? GuidOf(entry, "HolderId") ?? (entry.Metadata.ClrType.Name == "Person" ? GuidOf(entry, "Id") : null),
                GuidOf(entry, "MissionId") ?? (entry.Metadata.ClrType.Name == "Mission" ? GuidOf(entry, "Id") : null),
                JsonSerializer.Serialize(changes, Json)));
        }
        return pending;
    }

    // Identity's generic types would otherwise read "IdentityUserRole`1".
    private static string EntityName(Type type) => type.Name switch
    {
        "ChanceryUser" => "User",
        var generic when generic.Contains('`', StringComparison.Ordinal) => generic[..generic.IndexOf('`', StringComparison.Ordinal)].Replace("Identity", "", StringComparison.Ordinal),
        var name => name,
    };

    private static Guid? GuidOf(EntityEntry entry, string property) =>
        entry.Metadata.FindProperty(property) is null ? null
        : (entry.State == EntityState.Deleted ? entry.Property(property).OriginalValue : entry.Property(property).CurrentValue) as Guid?;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private sealed record Change(
        [property: JsonPropertyName("before")] object? Before,
        [property: JsonPropertyName("after")] object? After);
}
