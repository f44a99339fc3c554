CREATE TABLE "inspection_firm_city_counts" (
	"city_code" text NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"firms" integer NOT NULL,
	CONSTRAINT "inspection_firm_city_counts_pk" PRIMARY KEY("period","kind","city_code")
);
--> statement-breakpoint
CREATE TABLE "inspection_firm_city_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_firm_city_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_code" text NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"firms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_city_month_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazard_city_month_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_code" text NOT NULL,
	"month" text NOT NULL,
	"found" integer NOT NULL,
	"closed" integer NOT NULL,
	"found_major" integer NOT NULL,
	"closed_major" integer NOT NULL,
	"found_self" integer NOT NULL,
	"closed_self" integer NOT NULL,
	"found_major_self" integer NOT NULL,
	"closed_major_self" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_city_months" (
	"city_code" text NOT NULL,
	"month" text NOT NULL,
	"found" integer NOT NULL,
	"closed" integer NOT NULL,
	"found_major" integer NOT NULL,
	"closed_major" integer NOT NULL,
	"found_self" integer NOT NULL,
	"closed_self" integer NOT NULL,
	"found_major_self" integer NOT NULL,
	"closed_major_self" integer NOT NULL,
	CONSTRAINT "hazard_city_months_pk" PRIMARY KEY("city_code","month")
);
--> statement-breakpoint
CREATE INDEX "hazards_waiting_idx" ON "hazards" USING btree ("found_on" DESC NULLS FIRST,"id" DESC NULLS FIRST,"deadline","division_code") WHERE state IN ('found', 'ordered', 'rectifying');
--> statement-breakpoint
-- The hazard counters' function (0007, 0011) now also appends each change to the city months, by city.
CREATE OR REPLACE FUNCTION hazard_counts_apply(changes hazard_count_change[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO hazard_counts AS t (division_code, month, category, level, source, found, closed)
  SELECT x.division_code, x.month, x.category, x.level, x.source, sum(x.found), sum(x.closed)
  FROM (
    SELECT c.division_code, to_char(c.found_on, 'YYYY-MM') AS month, c.category, c.level, c.source, c.d AS found, 0 AS closed
    FROM unnest(changes) c
    UNION ALL
    SELECT c.division_code, to_char(c.closed_on, 'YYYY-MM'), c.category, c.level, c.source, 0, c.d
    FROM unnest(changes) c WHERE c.closed_on IS NOT NULL
  ) x
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(x.found) <> 0 OR sum(x.closed) <> 0
  ON CONFLICT (division_code, month, category, level, source) DO UPDATE
    SET found = t.found + excluded.found, closed = t.closed + excluded.closed;
  WITH agg AS (
    SELECT x.division_code, x.month, sum(x.found) AS found, sum(x.closed) AS closed,
      coalesce(sum(x.found) FILTER (WHERE x.level = 'major'), 0) AS found_major, coalesce(sum(x.closed) FILTER (WHERE x.level = 'major'), 0) AS closed_major,
      coalesce(sum(x.found) FILTER (WHERE x.source = 'self_check'), 0) AS found_self, coalesce(sum(x.closed) FILTER (WHERE x.source = 'self_check'), 0) AS closed_self,
      coalesce(sum(x.found) FILTER (WHERE x.level = 'major' AND x.source = 'self_check'), 0) AS found_major_self,
      coalesce(sum(x.closed) FILTER (WHERE x.level = 'major' AND x.source = 'self_check'), 0) AS closed_major_self
    FROM (
      SELECT c.division_code, to_char(c.found_on, 'YYYY-MM') AS month, c.level, c.source, c.d AS found, 0 AS closed
      FROM unnest(changes) c
      UNION ALL
      SELECT c.division_code, to_char(c.closed_on, 'YYYY-MM'), c.level, c.source, 0, c.d
      FROM unnest(changes) c WHERE c.closed_on IS NOT NULL
    ) x
    -- No HAVING here: a level or source change within a town and month nets nothing found but moves a split.
    GROUP BY 1, 2
  ),
  towns AS (
    INSERT INTO hazard_town_months AS t (division_code, month, found, closed, found_major, closed_major, found_self, closed_self, found_major_self, closed_major_self)
    SELECT * FROM agg
    ON CONFLICT (division_code, month) DO UPDATE
      SET found = t.found + excluded.found, closed = t.closed + excluded.closed,
        found_major = t.found_major + excluded.found_major, closed_major = t.closed_major + excluded.closed_major,
        found_self = t.found_self + excluded.found_self, closed_self = t.closed_self + excluded.closed_self,
        found_major_self = t.found_major_self + excluded.found_major_self, closed_major_self = t.closed_major_self + excluded.closed_major_self
  )
  -- the city months: appended, never updated here (see the schema's hazard_city_months)
  INSERT INTO hazard_city_month_deltas (city_code, month, found, closed, found_major, closed_major, found_self, closed_self, found_major_self, closed_major_self)
  SELECT left(division_code, 4), month, sum(found), sum(closed), sum(found_major), sum(closed_major), sum(found_self), sum(closed_self), sum(found_major_self), sum(closed_major_self)
  FROM agg GROUP BY 1, 2;
$$;
--> statement-breakpoint
INSERT INTO "hazard_city_months" (city_code, month, found, closed, found_major, closed_major, found_self, closed_self, found_major_self, closed_major_self)
SELECT left(division_code, 4), month, sum(found), sum(closed), sum(found_major), sum(closed_major), sum(found_self), sum(closed_self), sum(found_major_self), sum(closed_major_self)
FROM "hazard_town_months" GROUP BY 1, 2;
--> statement-breakpoint
-- The inspection counters' function (0005, 0030) now also appends the firms entering and leaving a city's period.
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
  -- Firms per city (before the rows change): a firm enters a city's period when its first town row there appears and
  -- leaves it when its last one goes; appended to the deltas like the city counts (see inspection_firm_city_counts).
  WITH delta AS (
    SELECT p.period, k.kind, c.enterprise_id, c.division_code, sum(c.d) AS d
    FROM unnest(changes) c,
      unnest(ARRAY[to_char(c.inspected_on, 'YYYY'), to_char(c.inspected_on, 'YYYY-"Q"Q'), to_char(c.inspected_on, 'YYYY-MM')]) AS p(period),
      unnest(ARRAY[c.kind, 'all']) AS k(kind)
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.d) <> 0
  ),
  towns AS (
    SELECT t.period, t.kind, t.enterprise_id, t.division_code, 0 AS d FROM inspection_firm_periods t
    WHERE (t.period, t.kind, t.enterprise_id) IN (SELECT period, kind, enterprise_id FROM delta)
    UNION ALL
    SELECT period, kind, enterprise_id, division_code, d FROM delta
  ),
  firm_towns AS (
    SELECT x.period, x.kind, x.enterprise_id, left(x.division_code, 4) AS city_code,
      coalesce(max(t.n), 0) AS before, coalesce(max(t.n), 0) + sum(x.d) AS after
    FROM towns x
    LEFT JOIN inspection_firm_periods t ON t.period = x.period AND t.kind = x.kind AND t.enterprise_id = x.enterprise_id AND t.division_code = x.division_code
    GROUP BY x.period, x.kind, x.enterprise_id, x.division_code
  ),
  firm_cities AS (
    SELECT city_code, period, kind, (CASE WHEN bool_or(after > 0) THEN 1 ELSE 0 END) - (CASE WHEN bool_or(before > 0) THEN 1 ELSE 0 END) AS firms
    FROM firm_towns GROUP BY city_code, period, kind, enterprise_id
  )
  INSERT INTO inspection_firm_city_deltas (city_code, period, kind, firms)
  SELECT city_code, period, kind, sum(firms) FROM firm_cities GROUP BY 1, 2, 3 HAVING sum(firms) <> 0;
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
INSERT INTO "inspection_firm_city_counts" (city_code, period, kind, firms)
SELECT left(division_code, 4), period, kind, count(DISTINCT enterprise_id) FROM "inspection_firm_periods" WHERE n > 0 GROUP BY 1, 2, 3;
