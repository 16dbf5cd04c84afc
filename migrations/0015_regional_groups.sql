CREATE TYPE "public"."group_role" AS ENUM('regional_analyst');--> statement-breakpoint
CREATE TABLE "council_group_members" (
	"group_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "council_group_members_pk" PRIMARY KEY("group_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "council_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_memberships" (
	"user_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	"role" "group_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_memberships_pk" PRIMARY KEY("user_id","group_id")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "regional_pre_release" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "council_group_members" ADD CONSTRAINT "council_group_members_group_id_council_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."council_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_group_members" ADD CONSTRAINT "council_group_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_groups" ADD CONSTRAINT "council_groups_region_code_areas_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_group_id_council_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."council_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "council_group_members_organisation_idx" ON "council_group_members" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "council_groups_name_uq" ON "council_groups" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "council_groups_region_uq" ON "council_groups" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "group_memberships_group_idx" ON "group_memberships" USING btree ("group_id");--> statement-breakpoint
-- A session carries the councils a person reaches through a group (as a viewer, on a council's
-- pre-release terms for the regional role): a change of group, group member, grant or a council's
-- regional pre-release setting must reach every server process at once, as a change of membership does.
CREATE TRIGGER "council_groups_notify_changed" AFTER UPDATE OR DELETE OR TRUNCATE
  ON "council_groups" FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_changed();
--> statement-breakpoint
CREATE TRIGGER "council_group_members_notify_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "council_group_members" FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_changed();
--> statement-breakpoint
CREATE TRIGGER "group_memberships_notify_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "group_memberships" FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_changed();
--> statement-breakpoint
-- A region's group takes in a council as it is set up: its sessions must learn of it too.
CREATE TRIGGER "organisations_notify_regional_changed" AFTER INSERT OR UPDATE OF "regional_pre_release"
  ON "organisations" FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_changed();
