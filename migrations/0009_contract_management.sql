CREATE TYPE "public"."proposal_kind" AS ENUM('kpi_set', 'threshold');--> statement-breakpoint
CREATE TYPE "public"."proposal_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "proposed_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"kind" "proposal_kind" NOT NULL,
	"status" "proposal_status" DEFAULT 'pending' NOT NULL,
	"title" text NOT NULL,
	"reason" text NOT NULL,
	"change" jsonb NOT NULL,
	"proposed_by" integer NOT NULL,
	"proposed_by_role" "role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "proposed_changes_four_eyes_ck" CHECK ("proposed_changes"."decided_by" is null or "proposed_changes"."decided_by" <> "proposed_changes"."proposed_by")
);
--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "numerator_label" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "denominator_label" text;--> statement-breakpoint
ALTER TABLE "proposed_changes" ADD CONSTRAINT "proposed_changes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposed_changes" ADD CONSTRAINT "proposed_changes_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposed_changes" ADD CONSTRAINT "proposed_changes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposed_changes_status_idx" ON "proposed_changes" USING btree ("organisation_id","status");