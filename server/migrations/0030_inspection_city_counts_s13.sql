CREATE TABLE "inspection_city_counts" (
	"city_code" text NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"inspections" integer NOT NULL,
	"findings" integer NOT NULL,
	"major_findings" integer NOT NULL,
	CONSTRAINT "inspection_city_counts_pk" PRIMARY KEY("city_code","month","kind")
);
--> statement-breakpoint
CREATE TABLE "inspection_count_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_count_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_code" text NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"inspections" integer NOT NULL,
	"findings" integer NOT NULL,
	"major_findings" integer NOT NULL
);--> statement-breakpoint
-- The triggers of 0005 now also append each statement's change by city; the city counts start from the town counts.
CREATE OR REPLACE FUNCTION inspection_counts_apply(changes inspection_count_change[]) RETURNS void LANGUAGE sql AS $$
  WITH c AS (SELECT * FROM unnest(changes)),
  f AS (
    SELECT inspection_id, count(*) AS n, count(*) FILTER (WHERE major_hazard) AS m
    FROM findings WHERE inspection_id IN (SELECT id FROM c) GROUP BY inspection_id
  ),
  agg AS (
    SELECT c.division_code, to_char(c.inspected_on, 'YYYY-MM') AS month, c.kind, sum(c.d)::int AS i, sum(c.d * coalesce(f.n, 0))::int AS n, sum(c.d * coalesce(f.m, 0))::int AS m
    FROM c LEFT JOIN f ON f.inspection_id = c.id
    GROUP BY 1, 2, 3
    HAVING sum(c.d) <> 0 OR sum(c.d * coalesce(f.n, 0)) <> 0
  ),
  towns AS (
    INSERT INTO inspection_counts AS t (division_code, month, kind, inspections, findings, major_findings)
    SELECT division_code, month, kind, i, n, m FROM agg
    ON CONFLICT (division_code, month, kind) DO UPDATE
      SET inspections = t.inspections + excluded.inspections, findings = t.findings + excluded.findings, major_findings = t.major_findings + excluded.major_findings
  )
  -- the city counts: appended, never updated here (see the schema's inspection_city_counts)
  INSERT INTO inspection_count_deltas (city_code, month, kind, inspections, findings, major_findings)
  SELECT left(division_code, 4), month, kind, sum(i), sum(n), sum(m) FROM agg GROUP BY 1, 2, 3;
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
INSERT INTO "inspection_city_counts" (city_code, month, kind, inspections, findings, major_findings)
SELECT left(division_code, 4), month, kind, sum(inspections), sum(findings), sum(major_findings) FROM "inspection_counts" GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION finding_counts_apply(changes jsonb) RETURNS void LANGUAGE sql AS $$
  WITH agg AS (
    SELECT i.division_code, to_char(i.inspected_on, 'YYYY-MM') AS month, i.kind, sum(c.d)::int AS n, coalesce(sum(c.d) FILTER (WHERE c.major), 0)::int AS m
    FROM jsonb_to_recordset(changes) AS c(inspection_id integer, major boolean, d integer)
    JOIN inspections i ON i.id = c.inspection_id AND i.status = 'submitted'
    GROUP BY 1, 2, 3
    HAVING sum(c.d) <> 0 OR coalesce(sum(c.d) FILTER (WHERE c.major), 0) <> 0
  ),
  towns AS (
    INSERT INTO inspection_counts AS t (division_code, month, kind, inspections, findings, major_findings)
    SELECT division_code, month, kind, 0, n, m FROM agg
    ON CONFLICT (division_code, month, kind) DO UPDATE
      SET findings = t.findings + excluded.findings, major_findings = t.major_findings + excluded.major_findings
  )
  INSERT INTO inspection_count_deltas (city_code, month, kind, inspections, findings, major_findings)
  SELECT left(division_code, 4), month, kind, 0, sum(n), sum(m) FROM agg GROUP BY 1, 2, 3;
$$;
