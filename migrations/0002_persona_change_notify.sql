-- Every change to a workspace's personas or jobs sends NOTIFY persona_changed with the
-- workspace id, so each bot replica (and the embedded store's own listener) rebuilds its
-- search index. NOTIFY folds identical payloads within a transaction: one bulk import
-- sends one message per workspace.
CREATE OR REPLACE FUNCTION persona_bot_notify_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('persona_changed', OLD.team_id);
  ELSE
    PERFORM pg_notify('persona_changed', NEW.team_id);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER personas_notify_change AFTER INSERT OR UPDATE OR DELETE ON personas
  FOR EACH ROW EXECUTE FUNCTION persona_bot_notify_change();
--> statement-breakpoint
CREATE TRIGGER jobs_notify_change AFTER INSERT OR UPDATE OR DELETE ON jobs
  FOR EACH ROW EXECUTE FUNCTION persona_bot_notify_change();
--> statement-breakpoint
CREATE TRIGGER persona_jobs_notify_change AFTER INSERT OR UPDATE OR DELETE ON persona_jobs
  FOR EACH ROW EXECUTE FUNCTION persona_bot_notify_change();
