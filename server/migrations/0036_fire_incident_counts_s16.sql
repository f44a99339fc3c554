CREATE TABLE "fire_incident_counts" (
	"division_code" text NOT NULL,
	"status" text NOT NULL,
	"month" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "fire_incident_counts_pk" PRIMARY KEY("division_code","status","month")
);
--> statement-breakpoint
CREATE INDEX "fire_incidents_first_seen_idx" ON "fire_incidents" USING btree ("first_seen_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
-- fire_incident_counts follows fire_incidents statement by statement (like resource_stock, 0034): each statement adds
-- its new rows and subtracts its old ones by town × status × bureau month of the first sighting. Only rows whose key
-- changed move on an update, so a merged alarm or an acknowledgement touches nothing here.
CREATE FUNCTION fire_incident_counts_apply(d jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO fire_incident_counts AS t (division_code, status, month, n)
  SELECT x.division_code, x.status, x.month, sum(x.n)
    FROM jsonb_to_recordset(d) AS x(division_code text, status text, month text, n integer)
   GROUP BY 1, 2, 3
  HAVING sum(x.n) <> 0
  ON CONFLICT (division_code, status, month) DO UPDATE SET n = t.n + excluded.n;
$$;
--> statement-breakpoint
CREATE FUNCTION fire_incident_counts_key(division_code text, status text, first_seen_at timestamptz, n integer) RETURNS jsonb
  LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('division_code', division_code, 'status', status,
    'month', to_char(first_seen_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), 'n', n);
$$;
--> statement-breakpoint
CREATE FUNCTION fire_incident_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fire_incident_counts_apply((SELECT jsonb_agg(fire_incident_counts_key(r.division_code, r.status, r.first_seen_at, 1)) FROM new_rows r));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION fire_incident_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fire_incident_counts_apply((SELECT jsonb_agg(fire_incident_counts_key(r.division_code, r.status, r.first_seen_at, -1)) FROM old_rows r));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION fire_incident_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fire_incident_counts_apply((SELECT jsonb_agg(c) FROM (
    SELECT fire_incident_counts_key(o.division_code, o.status, o.first_seen_at, -1) AS c
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.division_code, o.status, o.first_seen_at) IS DISTINCT FROM (n.division_code, n.status, n.first_seen_at)
    UNION ALL
    SELECT fire_incident_counts_key(n.division_code, n.status, n.first_seen_at, 1)
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.division_code, o.status, o.first_seen_at) IS DISTINCT FROM (n.division_code, n.status, n.first_seen_at)) x));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER fire_incident_counts_insert AFTER INSERT ON fire_incidents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fire_incident_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER fire_incident_counts_delete AFTER DELETE ON fire_incidents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fire_incident_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER fire_incident_counts_update AFTER UPDATE ON fire_incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fire_incident_counts_on_update();
--> statement-breakpoint
INSERT INTO fire_incident_counts (division_code, status, month, n)
SELECT division_code, status, to_char(first_seen_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), count(*)::int FROM fire_incidents GROUP BY 1, 2, 3;
