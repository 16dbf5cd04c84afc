CREATE TYPE "public"."action_status" AS ENUM('open', 'on_track', 'late', 'done');--> statement-breakpoint
CREATE TYPE "public"."commentary_source" AS ENUM('screen', 'return');--> statement-breakpoint
CREATE TYPE "public"."commentary_state" AS ENUM('draft', 'submitted', 'returned', 'agreed');--> statement-breakpoint
CREATE TABLE "commentary_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"month" date NOT NULL,
	"state" "commentary_state" NOT NULL,
	"body" text NOT NULL,
	"reason" text,
	"source" "commentary_source" DEFAULT 'screen' NOT NULL,
	"upload_id" integer,
	"based_on" bigint,
	"changed_by" integer,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commentary_versions_month_first_ck" CHECK (extract(day from "commentary_versions"."month") = 1),
	CONSTRAINT "commentary_versions_reason_ck" CHECK ("commentary_versions"."state" <> 'returned' or length(trim("commentary_versions"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "kpi_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"description" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"status" "action_status" DEFAULT 'open' NOT NULL,
	"months" date[] NOT NULL,
	"created_by" integer,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commentary_versions" ADD CONSTRAINT "commentary_versions_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commentary_versions" ADD CONSTRAINT "commentary_versions_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commentary_versions" ADD CONSTRAINT "commentary_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_actions" ADD CONSTRAINT "kpi_actions_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_actions" ADD CONSTRAINT "kpi_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_actions" ADD CONSTRAINT "kpi_actions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commentary_versions_indicator_month_idx" ON "commentary_versions" USING btree ("indicator_id","month","id");--> statement-breakpoint
CREATE INDEX "kpi_actions_indicator_idx" ON "kpi_actions" USING btree ("indicator_id");--> statement-breakpoint
-- Commentary versions are evidence, like revisions of figures: added to, never changed.
CREATE TRIGGER commentary_versions_append_only
  BEFORE UPDATE OR DELETE ON commentary_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER commentary_versions_no_truncate
  BEFORE TRUNCATE ON commentary_versions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
-- Commentary held before the review existed came from return files and was shown to everyone:
-- it joins the history as agreed text from a return.
INSERT INTO commentary_versions (indicator_id, month, state, body, source, changed_by, changed_at)
  SELECT indicator_id, month, 'agreed', body, 'return', author_id, updated_at FROM commentary ORDER BY updated_at, id;
--> statement-breakpoint
-- Cached scorecards, series and reports are computed from these too.
CREATE TRIGGER commentary_versions_bump_data_version AFTER INSERT ON commentary_versions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
--> statement-breakpoint
CREATE TRIGGER kpi_actions_bump_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kpi_actions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
