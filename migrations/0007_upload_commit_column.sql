-- The commit record gets its own column: recording a commit with jsonb_set rewrote the whole
-- summary, which for a ten-year backfill is 2.8 MB of preview rows. Earlier commits move across.
ALTER TABLE "uploads" ADD COLUMN "commit" jsonb;
--> statement-breakpoint
UPDATE "uploads" SET "commit" = "summary"->'commit'
WHERE jsonb_typeof("summary"->'commit') = 'object';
