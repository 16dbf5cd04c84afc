CREATE TYPE "public"."comparator_kind" AS ENUM('area', 'statistical_neighbour_average');--> statement-breakpoint
CREATE TYPE "public"."comparator_source" AS ENUM('dfe_release', 'published_paper', 'computed');--> statement-breakpoint
CREATE TYPE "public"."geographic_level" AS ENUM('local_authority', 'region', 'national');--> statement-breakpoint
CREATE TYPE "public"."measure_type" AS ENUM('snapshot', 'flow', 'cumulative_fytd', 'rolling_12m');--> statement-breakpoint
CREATE TYPE "public"."observation_status" AS ENUM('provisional', 'final', 'revised');--> statement-breakpoint
CREATE TYPE "public"."operator" AS ENUM('>', '>=', '<', '<=');--> statement-breakpoint
CREATE TYPE "public"."polarity" AS ENUM('higher_is_better', 'lower_is_better', 'none');--> statement-breakpoint
CREATE TYPE "public"."provenance" AS ENUM('uploaded_return', 'published_paper', 'illustrative');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('viewer', 'commissioner', 'analyst', 'admin');--> statement-breakpoint
CREATE TYPE "public"."suppression_symbol" AS ENUM('c', 'x', 'z', 'low', 'u');--> statement-breakpoint
CREATE TYPE "public"."theme" AS ENUM('front_door', 'child_protection', 'children_in_care', 'workforce', 'other');--> statement-breakpoint
CREATE TYPE "public"."unit" AS ENUM('percent', 'rate_per_10k', 'count', 'average', 'days', 'money');--> statement-breakpoint
CREATE TYPE "public"."upload_outcome" AS ENUM('validated', 'rejected', 'committed', 'no_change', 'abandoned');--> statement-breakpoint
CREATE TABLE "areas" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" "geographic_level" NOT NULL,
	"old_la_code" text,
	"region_code" text
);
--> statement-breakpoint
CREATE TABLE "populations" (
	"id" serial PRIMARY KEY NOT NULL,
	"area_code" text NOT NULL,
	"year" integer NOT NULL,
	"age_group" text DEFAULT '0-17' NOT NULL,
	"population" integer NOT NULL,
	"source_release" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sn_models" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"published_on" text NOT NULL,
	"source_file" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sn_models_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "sn_neighbours" (
	"sn_model_id" integer NOT NULL,
	"area_code" text NOT NULL,
	"neighbour_area_code" text NOT NULL,
	"rank" integer NOT NULL,
	"closeness" text
);
--> statement-breakpoint
CREATE TABLE "comparator_values" (
	"id" serial PRIMARY KEY NOT NULL,
	"measure_code" text NOT NULL,
	"kind" "comparator_kind" NOT NULL,
	"area_code" text NOT NULL,
	"sn_model_id" integer,
	"contributing_count" integer,
	"unit" "unit" NOT NULL,
	"time_period" text NOT NULL,
	"time_identifier" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"value" numeric,
	"symbol" "suppression_symbol",
	"source" "comparator_source" NOT NULL,
	"source_release" text NOT NULL,
	"source_file" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grace_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"kpi_set_id" integer,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"short_title" text,
	"definition" text NOT NULL,
	"why_it_matters" text NOT NULL,
	"unit" "unit" NOT NULL,
	"polarity" "polarity" NOT NULL,
	"precision" integer NOT NULL,
	"measure_type" "measure_type" NOT NULL,
	"theme" "theme" NOT NULL,
	"comparator_measure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_precision_ck" CHECK ("indicators"."precision" between 0 and 4)
);
--> statement-breakpoint
CREATE TABLE "kpi_set_members" (
	"kpi_set_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "kpi_set_members_kpi_set_id_indicator_id_pk" PRIMARY KEY("kpi_set_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_sets" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"persistent_failure_months" integer DEFAULT 3 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relief_event_indicators" (
	"relief_event_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	CONSTRAINT "relief_event_indicators_relief_event_id_indicator_id_pk" PRIMARY KEY("relief_event_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "relief_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"name" text NOT NULL,
	"reason" text NOT NULL,
	"agreed_on" date,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "threshold_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"kpi_set_id" integer,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"target_operator" "operator" NOT NULL,
	"target_value" numeric NOT NULL,
	"failure_operator" "operator" NOT NULL,
	"failure_value" numeric NOT NULL,
	"source_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commentary" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"month" date NOT NULL,
	"body" text NOT NULL,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"board" text NOT NULL,
	"held_on" date NOT NULL,
	"months_from" date NOT NULL,
	"months_to" date NOT NULL,
	"published_at" timestamp with time zone,
	"locked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observation_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"observation_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"month" date NOT NULL,
	"old_value" numeric,
	"new_value" numeric,
	"old_symbol" "suppression_symbol",
	"new_symbol" "suppression_symbol",
	"changed_by" integer,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"upload_id" integer,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"month" date NOT NULL,
	"value" numeric,
	"numerator" numeric,
	"denominator" numeric,
	"symbol" "suppression_symbol",
	"provenance" "provenance" NOT NULL,
	"status" "observation_status" DEFAULT 'provisional' NOT NULL,
	"source_note" text,
	"upload_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "observations_month_first_ck" CHECK (extract(day from "observations"."month") = 1),
	CONSTRAINT "observations_value_or_symbol_ck" CHECK (not ("observations"."value" is not null and "observations"."symbol" is not null))
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"kind" text DEFAULT 'monthly_return' NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"byte_size" integer NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" "upload_outcome" NOT NULL,
	"summary" jsonb
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"area_code" text NOT NULL,
	"sn_model_id" integer,
	"provider_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_area_code_unique" UNIQUE("area_code")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" text,
	"action" text NOT NULL,
	"target" text,
	"outcome" text DEFAULT 'success' NOT NULL,
	"details" jsonb,
	"request_id" text,
	"ip_address" text
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip_address" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "role" NOT NULL,
	"password_hash" text,
	"sso_issuer" text,
	"sso_subject" text,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "populations" ADD CONSTRAINT "populations_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sn_neighbours" ADD CONSTRAINT "sn_neighbours_sn_model_id_sn_models_id_fk" FOREIGN KEY ("sn_model_id") REFERENCES "public"."sn_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sn_neighbours" ADD CONSTRAINT "sn_neighbours_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sn_neighbours" ADD CONSTRAINT "sn_neighbours_neighbour_area_code_areas_code_fk" FOREIGN KEY ("neighbour_area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparator_values" ADD CONSTRAINT "comparator_values_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparator_values" ADD CONSTRAINT "comparator_values_sn_model_id_sn_models_id_fk" FOREIGN KEY ("sn_model_id") REFERENCES "public"."sn_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grace_periods" ADD CONSTRAINT "grace_periods_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grace_periods" ADD CONSTRAINT "grace_periods_kpi_set_id_kpi_sets_id_fk" FOREIGN KEY ("kpi_set_id") REFERENCES "public"."kpi_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_set_members" ADD CONSTRAINT "kpi_set_members_kpi_set_id_kpi_sets_id_fk" FOREIGN KEY ("kpi_set_id") REFERENCES "public"."kpi_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_set_members" ADD CONSTRAINT "kpi_set_members_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_sets" ADD CONSTRAINT "kpi_sets_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_event_indicators" ADD CONSTRAINT "relief_event_indicators_relief_event_id_relief_events_id_fk" FOREIGN KEY ("relief_event_id") REFERENCES "public"."relief_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_event_indicators" ADD CONSTRAINT "relief_event_indicators_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_events" ADD CONSTRAINT "relief_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threshold_versions" ADD CONSTRAINT "threshold_versions_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threshold_versions" ADD CONSTRAINT "threshold_versions_kpi_set_id_kpi_sets_id_fk" FOREIGN KEY ("kpi_set_id") REFERENCES "public"."kpi_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commentary" ADD CONSTRAINT "commentary_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commentary" ADD CONSTRAINT "commentary_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_revisions" ADD CONSTRAINT "observation_revisions_observation_id_observations_id_fk" FOREIGN KEY ("observation_id") REFERENCES "public"."observations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_revisions" ADD CONSTRAINT "observation_revisions_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_revisions" ADD CONSTRAINT "observation_revisions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_revisions" ADD CONSTRAINT "observation_revisions_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_sn_model_id_sn_models_id_fk" FOREIGN KEY ("sn_model_id") REFERENCES "public"."sn_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "areas_old_la_code_uq" ON "areas" USING btree ("old_la_code") WHERE "areas"."old_la_code" is not null;--> statement-breakpoint
CREATE INDEX "areas_region_idx" ON "areas" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "populations_uq" ON "populations" USING btree ("area_code","year","age_group","source_release");--> statement-breakpoint
CREATE UNIQUE INDEX "sn_neighbours_uq" ON "sn_neighbours" USING btree ("sn_model_id","area_code","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "comparator_values_uq" ON "comparator_values" USING btree ("measure_code","kind","area_code","time_period","time_identifier","source_release");--> statement-breakpoint
CREATE INDEX "comparator_values_lookup_idx" ON "comparator_values" USING btree ("measure_code","area_code","period_end");--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_org_code_uq" ON "indicators" USING btree ("organisation_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_sets_org_code_uq" ON "kpi_sets" USING btree ("organisation_id","code");--> statement-breakpoint
CREATE INDEX "threshold_versions_indicator_idx" ON "threshold_versions" USING btree ("indicator_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "commentary_indicator_month_uq" ON "commentary" USING btree ("indicator_id","month");--> statement-breakpoint
CREATE INDEX "meetings_org_held_idx" ON "meetings" USING btree ("organisation_id","held_on");--> statement-breakpoint
CREATE INDEX "observation_revisions_obs_idx" ON "observation_revisions" USING btree ("observation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "observations_indicator_month_uq" ON "observations" USING btree ("indicator_id","month");--> statement-breakpoint
CREATE INDEX "uploads_sha_idx" ON "uploads" USING btree ("organisation_id","sha256");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_sso_uq" ON "users" USING btree ("sso_issuer","sso_subject") WHERE "users"."sso_issuer" is not null;