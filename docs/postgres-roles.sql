-- Production roles for Chancery on PostgreSQL (see README, "PostgreSQL roles").
--
-- chancery_owner owns the tables: `chancery db migrate` runs as it, and nothing else does.
-- chancery_app is what the web app and the everyday CLI connect as: it reads and writes the data, but on the audit
-- trail it may only read and append. It owns nothing, so it can neither drop nor disable the triggers that refuse
-- UPDATE and DELETE on "AuditEntries", nor change its own grants.
--
-- Once, as a superuser:
--   CREATE ROLE chancery_owner LOGIN PASSWORD '...';
--   CREATE ROLE chancery_app LOGIN PASSWORD '...';
--   CREATE DATABASE chancery OWNER chancery_owner;
--   \c chancery
--   ALTER SCHEMA public OWNER TO chancery_owner;
-- then `chancery db migrate` with chancery_owner's connection string, then this file in the chancery database as
-- chancery_owner (psql -d chancery -U chancery_owner -f docs/postgres-roles.sql). The default privileges below cover
-- tables later migrations add; run the file again after a migration anyway, it is idempotent.

GRANT USAGE ON SCHEMA public TO chancery_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO chancery_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO chancery_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chancery_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO chancery_app;

-- The audit trail: read and append only.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntries" FROM chancery_app;
-- The migration history: the app only checks that the schema is current.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM chancery_app;
