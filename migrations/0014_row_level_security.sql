-- Row-level security on the tenant tables (issue 19): defence in depth under the repositories'
-- own `organisation_id` filters. The application names the organisations the current work may
-- touch in the setting `app.organisation_ids` (a comma list of ids, or `system` for work that is
-- about no one organisation: migrations, the seed, setting up or onboarding a council, signing in
-- and looking up a session); server/src/db/tenantScope.ts sets it on each connection before a
-- statement runs. Unset or empty: no tenant rows at all, so forgetting the scope fails closed.
-- FORCE makes the policies bind the tables' owner too; only a superuser or a BYPASSRLS role
-- passes them (PGlite's default user is a superuser: see README, "Tenancy").
-- Two helpers, so a policy's organisation test is an index condition (`= ANY (ids)`) rather than
-- a function of each row.
CREATE FUNCTION "app_scope_is_system"() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(current_setting('app.organisation_ids', true), '') = 'system' $$;
--> statement-breakpoint
CREATE FUNCTION "app_scope_ids"() RETURNS integer[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT string_to_array(nullif(nullif(current_setting('app.organisation_ids', true), ''), 'system'), ',')::integer[] $$;
--> statement-breakpoint
-- Tables that carry their organisation.
ALTER TABLE "indicators" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "indicators" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "indicators_tenant" ON "indicators" USING (app_scope_is_system() OR "organisation_id" = ANY (app_scope_ids()));--> statement-breakpoint
ALTER TABLE "kpi_sets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "kpi_sets" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "kpi_sets_tenant" ON "kpi_sets" USING (app_scope_is_system() OR "organisation_id" = ANY (app_scope_ids()));--> statement-breakpoint
ALTER TABLE "relief_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "relief_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "relief_events_tenant" ON "relief_events" USING (app_scope_is_system() OR "organisation_id" = ANY (app_scope_ids()));--> statement-breakpoint
ALTER TABLE "meetings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "meetings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "meetings_tenant" ON "meetings" USING (app_scope_is_system() OR "organisation_id" = ANY (app_scope_ids()));--> statement-breakpoint
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "memberships_tenant" ON "memberships" USING (app_scope_is_system() OR "organisation_id" = ANY (app_scope_ids()));--> statement-breakpoint
ALTER TABLE "uploads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "uploads" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "uploads_tenant" ON "uploads" USING (app_scope_is_system() OR "organisation_id" = ANY (app_scope_ids()));--> statement-breakpoint
ALTER TABLE "proposed_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "proposed_changes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "proposed_changes_tenant" ON "proposed_changes" USING (app_scope_is_system() OR "organisation_id" = ANY (app_scope_ids()));--> statement-breakpoint
-- The audit log also holds entries about a person rather than an organisation (signing in, a
-- refused organisation): those have no organisation and are read and written whatever the scope.
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "audit_log_tenant" ON "audit_log"
  USING ("organisation_id" IS NULL OR app_scope_is_system() OR "organisation_id" = ANY (app_scope_ids()));--> statement-breakpoint
-- Tables whose rows belong to an organisation through their KPI (or set, or relief event): a row is
-- visible, and may be written, only when its parent belongs to an organisation in scope. The
-- sub-select reads the scope's parents by the (organisation_id, code) index, once per statement
-- (a hashed sub-plan), and is itself filtered by the parent's policy.
ALTER TABLE "observations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "observations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "observations_tenant" ON "observations" USING (app_scope_is_system() OR "indicator_id" IN (SELECT "id" FROM "indicators" WHERE "organisation_id" = ANY (app_scope_ids())));--> statement-breakpoint
ALTER TABLE "observation_revisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "observation_revisions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "observation_revisions_tenant" ON "observation_revisions" USING (app_scope_is_system() OR "indicator_id" IN (SELECT "id" FROM "indicators" WHERE "organisation_id" = ANY (app_scope_ids())));--> statement-breakpoint
ALTER TABLE "commentary" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "commentary" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "commentary_tenant" ON "commentary" USING (app_scope_is_system() OR "indicator_id" IN (SELECT "id" FROM "indicators" WHERE "organisation_id" = ANY (app_scope_ids())));--> statement-breakpoint
ALTER TABLE "commentary_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "commentary_versions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "commentary_versions_tenant" ON "commentary_versions" USING (app_scope_is_system() OR "indicator_id" IN (SELECT "id" FROM "indicators" WHERE "organisation_id" = ANY (app_scope_ids())));--> statement-breakpoint
ALTER TABLE "kpi_actions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "kpi_actions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "kpi_actions_tenant" ON "kpi_actions" USING (app_scope_is_system() OR "indicator_id" IN (SELECT "id" FROM "indicators" WHERE "organisation_id" = ANY (app_scope_ids())));--> statement-breakpoint
ALTER TABLE "threshold_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "threshold_versions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "threshold_versions_tenant" ON "threshold_versions" USING (app_scope_is_system() OR "indicator_id" IN (SELECT "id" FROM "indicators" WHERE "organisation_id" = ANY (app_scope_ids())));--> statement-breakpoint
ALTER TABLE "grace_periods" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "grace_periods" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "grace_periods_tenant" ON "grace_periods" USING (app_scope_is_system() OR "indicator_id" IN (SELECT "id" FROM "indicators" WHERE "organisation_id" = ANY (app_scope_ids())));--> statement-breakpoint
ALTER TABLE "spc_rebases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "spc_rebases" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "spc_rebases_tenant" ON "spc_rebases" USING (app_scope_is_system() OR "indicator_id" IN (SELECT "id" FROM "indicators" WHERE "organisation_id" = ANY (app_scope_ids())));--> statement-breakpoint
ALTER TABLE "kpi_set_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "kpi_set_members" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "kpi_set_members_tenant" ON "kpi_set_members" USING (app_scope_is_system() OR "kpi_set_id" IN (SELECT "id" FROM "kpi_sets" WHERE "organisation_id" = ANY (app_scope_ids())));--> statement-breakpoint
ALTER TABLE "relief_event_indicators" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "relief_event_indicators" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "relief_event_indicators_tenant" ON "relief_event_indicators" USING (app_scope_is_system() OR "relief_event_id" IN (SELECT "id" FROM "relief_events" WHERE "organisation_id" = ANY (app_scope_ids())));
