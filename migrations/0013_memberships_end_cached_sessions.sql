-- A session carries the person's memberships (their role and pre-release status in each
-- organisation), remembered by every server process for a few seconds: a change of membership,
-- or of an organisation's name or area code the header shows, must reach every process at once,
-- as a change to users does.
CREATE TRIGGER "memberships_notify_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "memberships" FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_changed();
--> statement-breakpoint
CREATE TRIGGER "organisations_notify_sessions_changed" AFTER UPDATE OF "name", "area_code" OR DELETE
  ON "organisations" FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_changed();
