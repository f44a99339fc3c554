-- A firm's grade and its pending proposal follow the firm to its new town (transfer, or the regulator's feed),
-- so grades keep scoping and counting by town without a join. History keeps the town of its time.
CREATE FUNCTION risk_follow_firm_division() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE risk_grades SET division_code = NEW.division_code WHERE enterprise_id = NEW.id;
  UPDATE risk_proposals SET division_code = NEW.division_code WHERE enterprise_id = NEW.id AND status = 'pending';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER risk_follow_firm_division AFTER UPDATE OF division_code ON enterprises
  FOR EACH ROW WHEN (OLD.division_code IS DISTINCT FROM NEW.division_code) EXECUTE FUNCTION risk_follow_firm_division();
