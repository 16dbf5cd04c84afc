-- The append-only tables, beyond their triggers: no role gets UPDATE, DELETE or TRUNCATE on them by
-- default. The application's own role is granted SELECT and INSERT only (`grantAppRole`, run after
-- migrations when DATABASE_MIGRATION_URL is set, or `pnpm db:grant-app-role <role>`), so on
-- PostgreSQL a change is refused by privilege (SQLSTATE 42501, "permission denied") before any
-- trigger runs, and dropping a trigger would need the owner role, which the application never has.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, observation_revisions FROM PUBLIC;
--> statement-breakpoint
COMMENT ON TABLE audit_log IS 'Append-only: the application role may SELECT and INSERT only.';
--> statement-breakpoint
COMMENT ON TABLE observation_revisions IS 'Append-only: the application role may SELECT and INSERT only.';
