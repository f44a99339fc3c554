-- The audit log is append-only: an UPDATE or DELETE through the application's role is refused.
-- (Someone with the rights to drop this trigger can still edit rows; the hash chain and `yingji audit-verify` catch that.)
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
