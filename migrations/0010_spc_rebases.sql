-- SPC rebase points: the month an indicator's limits are recalculated from, with the reason.
CREATE TABLE "spc_rebases" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"month" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spc_rebases_month_first_ck" CHECK (extract(day from "spc_rebases"."month") = 1),
	CONSTRAINT "spc_rebases_reason_ck" CHECK (length(trim("spc_rebases"."reason")) > 0)
);
--> statement-breakpoint
ALTER TABLE "spc_rebases" ADD CONSTRAINT "spc_rebases_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spc_rebases" ADD CONSTRAINT "spc_rebases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "spc_rebases_indicator_month_uq" ON "spc_rebases" USING btree ("indicator_id","month");--> statement-breakpoint
-- A rebase changes the SPC of every cached series and scorecard, like any other figure they use.
CREATE TRIGGER "spc_rebases_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "spc_rebases"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
