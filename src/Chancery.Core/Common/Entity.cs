namespace Chancery.Core.Common;

/// <summary>
/// A mutable record. <see cref="Version"/> is an application-managed concurrency token: EF's
/// row-version support does nothing on SQLite, so the context increments it on every update
/// and a stale write fails with a conflict instead of silently overwriting.
/// </summary>
public abstract class Entity
{
    /// <summary>Identifier, a time-ordered GUID (version 7) for index locality.</summary>
    public Guid Id { get; set; } = GuidV7.Create();

    /// <summary>Incremented on every update; clients send back the version they read.</summary>
    public int Version { get; set; } = 1;
}
