CREATE TABLE "fire_alarm_counts" (
	"division_code" text NOT NULL,
	"day" date NOT NULL,
	"alarms" integer NOT NULL,
	"suppressed" integer NOT NULL,
	CONSTRAINT "fire_alarm_counts_pk" PRIMARY KEY("division_code","day")
);
--> statement-breakpoint
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
  INSERT INTO fire_incident_counts AS t (division_code, status, month, n)
  SELECT r.division_code, r.status, to_char(r.first_seen_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), count(*)::int
    FROM new_rows r GROUP BY 1, 2, 3
  ON CONFLICT (division_code, status, month) DO UPDATE SET n = t.n + excluded.n;
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
--> statement-breakpoint
-- fire_alarm_counts follows fire_alarms the same way, by town × bureau day; alarms are inserted once and never deleted,
-- but a restore or a correction that updates or deletes them moves the counts too.
CREATE FUNCTION fire_alarm_counts_apply(d jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO fire_alarm_counts AS t (division_code, day, alarms, suppressed)
  SELECT x.division_code, x.day, sum(x.alarms), sum(x.suppressed)
    FROM jsonb_to_recordset(d) AS x(division_code text, day date, alarms integer, suppressed integer)
   GROUP BY 1, 2
  HAVING sum(x.alarms) <> 0 OR sum(x.suppressed) <> 0
  ON CONFLICT (division_code, day) DO UPDATE SET alarms = t.alarms + excluded.alarms, suppressed = t.suppressed + excluded.suppressed;
$$;
--> statement-breakpoint
CREATE FUNCTION fire_alarm_counts_key(division_code text, at timestamptz, mask_zone_id integer, n integer) RETURNS jsonb
  LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('division_code', division_code, 'day', (at AT TIME ZONE 'Asia/Shanghai')::date,
    'alarms', n, 'suppressed', CASE WHEN mask_zone_id IS NULL THEN 0 ELSE n END);
$$;
--> statement-breakpoint
-- An insert (every batch of the ingestion) adds its rows' counts straight from the transition table: building a JSON
-- row per alarm cost the embedded database's ingestion a fifth of its speed.
CREATE FUNCTION fire_alarm_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO fire_alarm_counts AS t (division_code, day, alarms, suppressed)
  SELECT r.division_code, (r.at AT TIME ZONE 'Asia/Shanghai')::date, count(*)::int, count(r.mask_zone_id)::int
    FROM new_rows r GROUP BY 1, 2
  ON CONFLICT (division_code, day) DO UPDATE SET alarms = t.alarms + excluded.alarms, suppressed = t.suppressed + excluded.suppressed;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION fire_alarm_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fire_alarm_counts_apply((SELECT jsonb_agg(fire_alarm_counts_key(r.division_code, r.at, r.mask_zone_id, -1)) FROM old_rows r));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION fire_alarm_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fire_alarm_counts_apply((SELECT jsonb_agg(c) FROM (
    SELECT fire_alarm_counts_key(o.division_code, o.at, o.mask_zone_id, -1) AS c
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.division_code, o.at, o.mask_zone_id IS NULL) IS DISTINCT FROM (n.division_code, n.at, n.mask_zone_id IS NULL)
    UNION ALL
    SELECT fire_alarm_counts_key(n.division_code, n.at, n.mask_zone_id, 1)
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.division_code, o.at, o.mask_zone_id IS NULL) IS DISTINCT FROM (n.division_code, n.at, n.mask_zone_id IS NULL)) x));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER fire_alarm_counts_insert AFTER INSERT ON fire_alarms REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fire_alarm_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER fire_alarm_counts_delete AFTER DELETE ON fire_alarms REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fire_alarm_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER fire_alarm_counts_update AFTER UPDATE ON fire_alarms REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fire_alarm_counts_on_update();
--> statement-breakpoint
INSERT INTO fire_alarm_counts (division_code, day, alarms, suppressed)
SELECT division_code, (at AT TIME ZONE 'Asia/Shanghai')::date, count(*)::int, count(mask_zone_id)::int FROM fire_alarms GROUP BY 1, 2;
