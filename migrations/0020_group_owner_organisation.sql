ALTER TABLE "council_groups" ADD COLUMN "owner_organisation_id" integer;--> statement-breakpoint
ALTER TABLE "council_groups" ADD CONSTRAINT "council_groups_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Groups made before this: the organisation recorded on the audit row of their making (the
-- administrator's organisation in view). A group without one stays unknown to everyone while it
-- holds no council, rather than known to every council's administrators.
UPDATE "council_groups" g SET "owner_organisation_id" = (
  SELECT a."organisation_id" FROM "audit_log" a
   WHERE a."action" = 'group.created' AND a."target" = 'group:' || g."id" AND a."organisation_id" IS NOT NULL
   ORDER BY a."id" LIMIT 1
) WHERE g."owner_organisation_id" IS NULL;
