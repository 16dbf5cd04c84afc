-- A group's name (and a region's group) is unique within the council that made it, not across the
-- deployment: refusing a name another council had used told the asker that council is served here.
DROP INDEX "council_groups_name_uq";--> statement-breakpoint
DROP INDEX "council_groups_region_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "council_groups_owner_name_uq" ON "council_groups" USING btree ("owner_organisation_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "council_groups_owner_region_uq" ON "council_groups" USING btree ("owner_organisation_id","region_code");