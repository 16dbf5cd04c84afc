-- One number that changes whenever anything a scorecard or series is computed from changes.
-- The statement triggers bump it inside the writing transaction, so a reader that reads the
-- version before the data can never pair a new version with old data; a cached response is
-- served only while the version it was computed at is still current. pg_notify tells every
-- server process (LISTEN data_version) once the transaction has committed.
CREATE TABLE "data_version" (
  "id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
  "version" bigint NOT NULL DEFAULT 1,
  "changed_at" timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
INSERT INTO "data_version" DEFAULT VALUES;
--> statement-breakpoint
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1;
  PERFORM pg_notify('data_version', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['observations', 'commentary', 'meetings', 'threshold_versions', 'grace_periods',
    'relief_events', 'relief_event_indicators', 'kpi_sets', 'kpi_set_members', 'indicators', 'comparator_values',
    'organisations', 'areas', 'sn_models', 'sn_neighbours', 'populations']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()', t || '_bump_data_version', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Server processes remember a live session for a few seconds. Ending a session, disabling a
-- user or changing their role or pre-release status must reach every process at once; a touch
-- of last_seen_at (the only routine update) must not.
CREATE FUNCTION notify_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sessions_changed', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "sessions_notify_changed" AFTER DELETE OR TRUNCATE OR UPDATE OF "token_hash", "user_id", "expires_at"
  ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_changed();
--> statement-breakpoint
CREATE TRIGGER "users_notify_changed" AFTER UPDATE OR DELETE OR TRUNCATE
  ON "users" FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_changed();
