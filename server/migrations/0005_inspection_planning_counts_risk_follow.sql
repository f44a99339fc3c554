CREATE TABLE "inspection_counts" (
	"division_code" text NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"inspections" integer NOT NULL,
	"findings" integer NOT NULL,
	"major_findings" integer NOT NULL,
	CONSTRAINT "inspection_counts_pk" PRIMARY KEY("division_code","month","kind")
);
--> statement-breakpoint
CREATE TABLE "inspection_firm_counts" (
	"division_code" text NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"firms" integer NOT NULL,
	CONSTRAINT "inspection_firm_counts_pk" PRIMARY KEY("division_code","period","kind")
);
--> statement-breakpoint
CREATE TABLE "inspection_firm_movers" (
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"enterprise_id" integer NOT NULL,
	CONSTRAINT "inspection_firm_movers_pk" PRIMARY KEY("period","kind","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_firm_periods" (
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"enterprise_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "inspection_firm_periods_pk" PRIMARY KEY("period","kind","enterprise_id","division_code")
);
--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "city_code" text GENERATED ALWAYS AS (left(division_code, 4)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "rounds" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "approved_by" integer;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "inspection_counts_month_idx" ON "inspection_counts" USING btree ("month","division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "inspection_counts_division_idx" ON "inspection_counts" USING btree ("division_code" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "inspection_firm_counts_period_idx" ON "inspection_firm_counts" USING btree ("period","division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "inspection_firm_periods_division_idx" ON "inspection_firm_periods" USING btree ("division_code" text_pattern_ops,"period","kind","enterprise_id");--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "findings_city_idx" ON "findings" USING btree ("city_code","found_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "findings_date_idx" ON "findings" USING btree ("found_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "inspections_date_idx" ON "inspections" USING btree ("inspected_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "inspections_kind_idx" ON "inspections" USING btree ("kind","city_code","inspected_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "inspections_draft_idx" ON "inspections" USING btree ("division_code" text_pattern_ops) WHERE status = 'draft';--> statement-breakpoint
-- inspection_counts and inspection_firm_periods follow submitted inspections and their findings statement by
-- statement (like enterprise_counts, 0003): each statement adds its new rows and subtracts its old ones, once.
-- Only submitted inspections count; a finding counts in the month, town and kind of its inspection.
CREATE TYPE inspection_count_change AS (id integer, enterprise_id integer, division_code text, kind text, inspected_on date, d integer);
--> statement-breakpoint
CREATE FUNCTION inspection_counts_apply(changes inspection_count_change[]) RETURNS void LANGUAGE sql AS $$
  WITH c AS (SELECT * FROM unnest(changes)),
  f AS (
    SELECT inspection_id, count(*) AS n, count(*) FILTER (WHERE major_hazard) AS m
    FROM findings WHERE inspection_id IN (SELECT id FROM c) GROUP BY inspection_id
  )
  INSERT INTO inspection_counts AS t (division_code, month, kind, inspections, findings, major_findings)
  SELECT c.division_code, to_char(c.inspected_on, 'YYYY-MM'), c.kind, sum(c.d), sum(c.d * coalesce(f.n, 0)), sum(c.d * coalesce(f.m, 0))
  FROM c LEFT JOIN f ON f.inspection_id = c.id
  GROUP BY 1, 2, 3
  HAVING sum(c.d) <> 0 OR sum(c.d * coalesce(f.n, 0)) <> 0
  ON CONFLICT (division_code, month, kind) DO UPDATE
    SET inspections = t.inspections + excluded.inspections, findings = t.findings + excluded.findings, major_findings = t.major_findings + excluded.major_findings;
  -- Firms per town: a (period, kind, firm, town) row appearing adds a firm, one disappearing takes it away.
  WITH delta AS (
    SELECT p.period, k.kind, c.enterprise_id, c.division_code, sum(c.d) AS d
    FROM unnest(changes) c,
      unnest(ARRAY[to_char(c.inspected_on, 'YYYY'), to_char(c.inspected_on, 'YYYY-"Q"Q'), to_char(c.inspected_on, 'YYYY-MM')]) AS p(period),
      unnest(ARRAY[c.kind, 'all']) AS k(kind)
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.d) <> 0
  ),
  moved AS (
    SELECT delta.division_code, delta.period, delta.kind,
      sum(CASE WHEN coalesce(t.n, 0) <= 0 AND coalesce(t.n, 0) + delta.d > 0 THEN 1 WHEN coalesce(t.n, 0) > 0 AND coalesce(t.n, 0) + delta.d <= 0 THEN -1 ELSE 0 END) AS firms
    FROM delta
    LEFT JOIN inspection_firm_periods t ON t.period = delta.period AND t.kind = delta.kind AND t.enterprise_id = delta.enterprise_id AND t.division_code = delta.division_code
    GROUP BY 1, 2, 3
  )
  INSERT INTO inspection_firm_counts AS t (division_code, period, kind, firms)
  SELECT division_code, period, kind, firms FROM moved WHERE firms <> 0
  ON CONFLICT (division_code, period, kind) DO UPDATE SET firms = t.firms + excluded.firms;
  INSERT INTO inspection_firm_periods AS t (period, kind, enterprise_id, division_code, n)
  SELECT p.period, k.kind, c.enterprise_id, c.division_code, sum(c.d)
  FROM unnest(changes) c,
    unnest(ARRAY[to_char(c.inspected_on, 'YYYY'), to_char(c.inspected_on, 'YYYY-"Q"Q'), to_char(c.inspected_on, 'YYYY-MM')]) AS p(period),
    unnest(ARRAY[c.kind, 'all']) AS k(kind)
  GROUP BY 1, 2, 3, 4
  HAVING sum(c.d) <> 0
  ON CONFLICT (period, kind, enterprise_id, division_code) DO UPDATE SET n = t.n + excluded.n;
  -- A firm no longer checked in a period leaves it, so a count of rows is the count of firms.
  DELETE FROM inspection_firm_periods t
  USING (SELECT DISTINCT c.enterprise_id, c.division_code FROM unnest(changes) c WHERE c.d < 0) gone
  WHERE t.n = 0 AND t.enterprise_id = gone.enterprise_id AND t.division_code = gone.division_code;
  -- Firms checked in two or more towns in a period (moved town) are listed, so sums over towns can be corrected.
  WITH touched AS (
    SELECT DISTINCT p.period, k.kind, c.enterprise_id
    FROM unnest(changes) c,
      unnest(ARRAY[to_char(c.inspected_on, 'YYYY'), to_char(c.inspected_on, 'YYYY-"Q"Q'), to_char(c.inspected_on, 'YYYY-MM')]) AS p(period),
      unnest(ARRAY[c.kind, 'all']) AS k(kind)
  )
  DELETE FROM inspection_firm_movers m USING touched
  WHERE m.period = touched.period AND m.kind = touched.kind AND m.enterprise_id = touched.enterprise_id
    AND (SELECT count(*) FROM inspection_firm_periods f WHERE f.period = m.period AND f.kind = m.kind AND f.enterprise_id = m.enterprise_id) < 2;
  INSERT INTO inspection_firm_movers (period, kind, enterprise_id)
  SELECT DISTINCT p.period, k.kind, c.enterprise_id
  FROM unnest(changes) c,
    unnest(ARRAY[to_char(c.inspected_on, 'YYYY'), to_char(c.inspected_on, 'YYYY-"Q"Q'), to_char(c.inspected_on, 'YYYY-MM')]) AS p(period),
    unnest(ARRAY[c.kind, 'all']) AS k(kind)
  WHERE c.d > 0
    AND (SELECT count(*) FROM inspection_firm_periods f WHERE f.period = p.period AND f.kind = k.kind AND f.enterprise_id = c.enterprise_id) >= 2
  ON CONFLICT DO NOTHING;
$$;
--> statement-breakpoint
CREATE FUNCTION inspection_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM inspection_counts_apply(ARRAY(
    SELECT ROW(r.id, r.enterprise_id, r.division_code, r.kind, r.inspected_on, 1)::inspection_count_change FROM new_rows r WHERE r.status = 'submitted'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION inspection_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM inspection_counts_apply(ARRAY(
    SELECT ROW(r.id, r.enterprise_id, r.division_code, r.kind, r.inspected_on, -1)::inspection_count_change FROM old_rows r WHERE r.status = 'submitted'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION inspection_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM inspection_counts_apply(ARRAY(
    SELECT ROW(r.id, r.enterprise_id, r.division_code, r.kind, r.inspected_on, -1)::inspection_count_change FROM old_rows r WHERE r.status = 'submitted'
    UNION ALL
    SELECT ROW(r.id, r.enterprise_id, r.division_code, r.kind, r.inspected_on, 1)::inspection_count_change FROM new_rows r WHERE r.status = 'submitted'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inspection_counts_insert AFTER INSERT ON inspections REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inspection_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER inspection_counts_delete AFTER DELETE ON inspections REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inspection_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER inspection_counts_update AFTER UPDATE ON inspections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inspection_counts_on_update();
--> statement-breakpoint
-- A finding added to, removed from or changed on a submitted inspection moves its inspection's counts.
CREATE FUNCTION finding_counts_apply(changes jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO inspection_counts AS t (division_code, month, kind, inspections, findings, major_findings)
  SELECT i.division_code, to_char(i.inspected_on, 'YYYY-MM'), i.kind, 0, sum(c.d), coalesce(sum(c.d) FILTER (WHERE c.major), 0)
  FROM jsonb_to_recordset(changes) AS c(inspection_id integer, major boolean, d integer)
  JOIN inspections i ON i.id = c.inspection_id AND i.status = 'submitted'
  GROUP BY 1, 2, 3
  HAVING sum(c.d) <> 0 OR coalesce(sum(c.d) FILTER (WHERE c.major), 0) <> 0
  ON CONFLICT (division_code, month, kind) DO UPDATE
    SET findings = t.findings + excluded.findings, major_findings = t.major_findings + excluded.major_findings;
$$;
--> statement-breakpoint
CREATE FUNCTION finding_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM finding_counts_apply((SELECT coalesce(jsonb_agg(jsonb_build_object('inspection_id', r.inspection_id, 'major', r.major_hazard, 'd', 1)), '[]') FROM new_rows r));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION finding_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM finding_counts_apply((SELECT coalesce(jsonb_agg(jsonb_build_object('inspection_id', r.inspection_id, 'major', r.major_hazard, 'd', -1)), '[]') FROM old_rows r));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION finding_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Setting hazard_id (the hazard module taking a finding over) changes nothing counted: skip the work.
  IF NOT EXISTS (
    SELECT 1 FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
    WHERE o.id IS NULL OR n.id IS NULL OR o.inspection_id <> n.inspection_id OR o.major_hazard <> n.major_hazard
  ) THEN
    RETURN NULL;
  END IF;
  PERFORM finding_counts_apply((
    SELECT coalesce(jsonb_agg(x), '[]') FROM (
      SELECT jsonb_build_object('inspection_id', r.inspection_id, 'major', r.major_hazard, 'd', -1) AS x FROM old_rows r
      UNION ALL
      SELECT jsonb_build_object('inspection_id', r.inspection_id, 'major', r.major_hazard, 'd', 1) FROM new_rows r) changes));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER finding_counts_insert AFTER INSERT ON findings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION finding_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER finding_counts_delete AFTER DELETE ON findings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION finding_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER finding_counts_update AFTER UPDATE ON findings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION finding_counts_on_update();
--> statement-breakpoint
-- Records made before the counts existed.
SELECT inspection_counts_apply(ARRAY(
  SELECT ROW(r.id, r.enterprise_id, r.division_code, r.kind, r.inspected_on, 1)::inspection_count_change FROM inspections r WHERE r.status = 'submitted'));

--> statement-breakpoint
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
