ALTER TABLE "kpi_sets" ADD COLUMN "illustrative_note" text;--> statement-breakpoint
ALTER TABLE "threshold_versions" ADD COLUMN "illustrative" boolean DEFAULT false NOT NULL;