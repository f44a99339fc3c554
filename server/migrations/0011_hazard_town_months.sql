CREATE TABLE "hazard_town_months" (
	"division_code" text NOT NULL,
	"month" text NOT NULL,
	"found" integer NOT NULL,
	"closed" integer NOT NULL,
	"found_major" integer NOT NULL,
	"closed_major" integer NOT NULL,
	"found_self" integer NOT NULL,
	"closed_self" integer NOT NULL,
	"found_major_self" integer NOT NULL,
	"closed_major_self" integer NOT NULL,
	CONSTRAINT "hazard_town_months_pk" PRIMARY KEY("division_code","month")
);
--> statement-breakpoint
CREATE INDEX "hazard_town_months_division_idx" ON "hazard_town_months" USING btree ("division_code" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "hazard_town_months_month_idx" ON "hazard_town_months" USING btree ("month","division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "hazards_open_major_idx" ON "hazards" USING btree ("city_code","deadline") WHERE state <> 'closed' AND level = 'major';--> statement-breakpoint
-- The counters' function (0007) now also keeps hazard_town_months: the same changes summed by town and month, with
-- the major and self-found (企业自查) splits. The triggers call this function, so they need no change.
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
  INSERT INTO hazard_town_months AS t (division_code, month, found, closed, found_major, closed_major, found_self, closed_self, found_major_self, closed_major_self)
  SELECT x.division_code, x.month, sum(x.found), sum(x.closed),
    coalesce(sum(x.found) FILTER (WHERE x.level = 'major'), 0), coalesce(sum(x.closed) FILTER (WHERE x.level = 'major'), 0),
    coalesce(sum(x.found) FILTER (WHERE x.source = 'self_check'), 0), coalesce(sum(x.closed) FILTER (WHERE x.source = 'self_check'), 0),
    coalesce(sum(x.found) FILTER (WHERE x.level = 'major' AND x.source = 'self_check'), 0),
    coalesce(sum(x.closed) FILTER (WHERE x.level = 'major' AND x.source = 'self_check'), 0)
  FROM (
    SELECT c.division_code, to_char(c.found_on, 'YYYY-MM') AS month, c.level, c.source, c.d AS found, 0 AS closed
    FROM unnest(changes) c
    UNION ALL
    SELECT c.division_code, to_char(c.closed_on, 'YYYY-MM'), c.level, c.source, 0, c.d
    FROM unnest(changes) c WHERE c.closed_on IS NOT NULL
  ) x
  -- No HAVING here: a level or source change within a town and month nets nothing found but moves a split.
  GROUP BY 1, 2
  ON CONFLICT (division_code, month) DO UPDATE
    SET found = t.found + excluded.found, closed = t.closed + excluded.closed,
      found_major = t.found_major + excluded.found_major, closed_major = t.closed_major + excluded.closed_major,
      found_self = t.found_self + excluded.found_self, closed_self = t.closed_self + excluded.closed_self,
      found_major_self = t.found_major_self + excluded.found_major_self, closed_major_self = t.closed_major_self + excluded.closed_major_self;
$$;
--> statement-breakpoint
-- Records counted before the roll-up existed.
INSERT INTO hazard_town_months (division_code, month, found, closed, found_major, closed_major, found_self, closed_self, found_major_self, closed_major_self)
SELECT division_code, month, sum(found), sum(closed),
  coalesce(sum(found) FILTER (WHERE level = 'major'), 0), coalesce(sum(closed) FILTER (WHERE level = 'major'), 0),
  coalesce(sum(found) FILTER (WHERE source = 'self_check'), 0), coalesce(sum(closed) FILTER (WHERE source = 'self_check'), 0),
  coalesce(sum(found) FILTER (WHERE level = 'major' AND source = 'self_check'), 0),
  coalesce(sum(closed) FILTER (WHERE level = 'major' AND source = 'self_check'), 0)
FROM hazard_counts GROUP BY division_code, month;
