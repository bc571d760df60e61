namespace Chancery.Core.Audit;

/// <summary>
/// The database itself refuses UPDATE and DELETE on the audit trail (and TRUNCATE on PostgreSQL), whatever client
/// connects: triggers created by the migration <c>AuditAppendOnly</c> of each provider. On PostgreSQL the table's owner
/// could still drop the trigger, so production runs the app as a role that owns nothing and holds only SELECT and INSERT
/// on the table (README, "PostgreSQL roles"). A SQLite table rebuild drops its triggers: a migration that rebuilds
/// AuditEntries must run <see cref="SqliteUp"/> again.
/// </summary>
public static class AuditAppendOnly
{
    /// <summary>The message both databases give.</summary>
    public const string Refusal = "The audit trail is append-only: entries cannot be changed or deleted.";

    /// <summary>Creates the SQLite triggers.</summary>
    public const string SqliteUp = $"""
        CREATE TRIGGER IF NOT EXISTS "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
        BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        CREATE TRIGGER IF NOT EXISTS "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
        BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        """;

    /// <summary>Drops the SQLite triggers.</summary>
    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS "AuditEntries_no_update";
        DROP TRIGGER IF EXISTS "AuditEntries_no_delete";
        """;

    /// <summary>Creates the PostgreSQL trigger function and triggers (rows and TRUNCATE).</summary>
    public const string PostgresUp = $"""
        CREATE OR REPLACE FUNCTION chancery_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{Refusal}' USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        DROP TRIGGER IF EXISTS "AuditEntries_append_only" ON "AuditEntries";
        CREATE TRIGGER "AuditEntries_append_only" BEFORE UPDATE OR DELETE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION chancery_audit_append_only();
        DROP TRIGGER IF EXISTS "AuditEntries_no_truncate" ON "AuditEntries";
        CREATE TRIGGER "AuditEntries_no_truncate" BEFORE TRUNCATE ON "AuditEntries"
            FOR EACH STATEMENT EXECUTE FUNCTION chancery_audit_append_only();
        """;

    /// <summary>Drops the PostgreSQL triggers and function.</summary>
    public const string PostgresDown = """
        DROP TRIGGER IF EXISTS "AuditEntries_append_only" ON "AuditEntries";
        DROP TRIGGER IF EXISTS "AuditEntries_no_truncate" ON "AuditEntries";
        DROP FUNCTION IF EXISTS chancery_audit_append_only();
        """;
}
