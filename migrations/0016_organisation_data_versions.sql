-- A data version per organisation beside the global one (issue 19): with one number for the whole
-- deployment, one council's commit emptied every council's response cache. A council's cached
-- scorecard, series and overview are keyed on the global version and on its own organisation's.
--
-- A statement on a table whose rows row-level security confines to the scope's organisations
-- (migrations/0014), run in a scope of ids, can only have changed those organisations' rows: it
-- bumps their versions only. Anything else bumps the global version, as before: work in the
-- `system` scope or with no scope (migrations, the seed, onboarding, another process writing SQL),
-- and every statement on a shared table (DfE comparators, areas, neighbour models, populations,
-- the organisations themselves), whatever its scope, since every council's pages show those.
-- When in doubt the global version is bumped: a table added to the triggers later and not named
-- below counts as shared.
--
-- The notification says which organisations changed ('3,7'), or '' for the global version, so
-- other processes forget only those. Rows are taken in id order so that two statements naming the
-- same organisations in a different order cannot deadlock.
CREATE TABLE "organisation_data_versions" (
  "organisation_id" integer PRIMARY KEY REFERENCES "organisations" ("id") ON DELETE CASCADE,
  "version" bigint NOT NULL,
  "changed_at" timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids integer[];
BEGIN
  IF TG_TABLE_NAME = ANY (ARRAY['observations', 'commentary', 'commentary_versions', 'kpi_actions', 'meetings',
      'threshold_versions', 'grace_periods', 'relief_events', 'relief_event_indicators', 'kpi_sets',
      'kpi_set_members', 'indicators', 'spc_rebases']) THEN
    -- NULL in the system scope or with no scope; the organisations' ids otherwise.
    ids := ARRAY(SELECT DISTINCT id FROM unnest(app_scope_ids()) AS id WHERE id IS NOT NULL ORDER BY id);
  END IF;
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1;
    PERFORM pg_notify('data_version', '');
  ELSE
    INSERT INTO organisation_data_versions AS v (organisation_id, version)
      SELECT o.id, 1 FROM organisations o WHERE o.id = ANY (ids) ORDER BY o.id
      ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1, changed_at = now();
    PERFORM pg_notify('data_version', array_to_string(ids, ','));
  END IF;
  RETURN NULL;
END $$;
