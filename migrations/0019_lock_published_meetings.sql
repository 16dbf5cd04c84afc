-- A published meeting's months are locked: publishing on screen sets both times at once. The demo
-- seed used to publish its meetings without locking them, so bands and figures the board had
-- received could still be changed without the published-month checks. Lock those now; a database
-- where every meeting was published on screen has none to change.
UPDATE "meetings" SET "locked_at" = "published_at" WHERE "published_at" IS NOT NULL AND "locked_at" IS NULL AND "published_at" <= now();
