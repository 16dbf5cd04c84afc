CREATE TABLE "memberships" (
	"user_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"role" "role" NOT NULL,
	"pre_release" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_pk" PRIMARY KEY("user_id","organisation_id")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "organisation_id" integer;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_organisation_idx" ON "memberships" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "audit_log_organisation_at_idx" ON "audit_log" USING btree ("organisation_id","at");--> statement-breakpoint
-- Until now a deployment served one council (the lowest organisation id) and a person's role was
-- theirs there: keep exactly that access. Earlier audit rows stay without an organisation (the
-- log is append-only); they all belong to that one council.
INSERT INTO "memberships" ("user_id", "organisation_id", "role", "pre_release")
SELECT u."id", o."id", u."role", u."pre_release"
FROM "users" u
CROSS JOIN (SELECT "id" FROM "organisations" ORDER BY "id" LIMIT 1) o
ON CONFLICT DO NOTHING;
