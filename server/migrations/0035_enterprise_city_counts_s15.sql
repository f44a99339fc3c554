CREATE TABLE "enterprise_city_counts" (
	"division_code" text NOT NULL,
	"supervision_category" text NOT NULL,
	"supervision_status" text NOT NULL,
	"registration_status" text NOT NULL,
	"supervising_level" text NOT NULL,
	"tag" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "enterprise_city_counts_pk" PRIMARY KEY("tag","division_code","supervision_category","supervision_status","registration_status","supervising_level")
);
--> statement-breakpoint
CREATE TABLE "enterprise_count_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enterprise_count_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"division_code" text NOT NULL,
	"supervision_category" text NOT NULL,
	"supervision_status" text NOT NULL,
	"registration_status" text NOT NULL,
	"supervising_level" text NOT NULL,
	"tag" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
-- The triggers of 0003 now also append each statement's change by city (left(division_code, 4)); the city counts
-- are never updated here (see the schema's enterprise_city_counts): the enterprise module's job folds the deltas in.
CREATE OR REPLACE FUNCTION enterprise_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH agg AS (
    SELECT r.division_code, r.supervision_category, r.supervision_status, r.registration_status, r.supervising_level, t.tag, count(*)::int AS n
    FROM new_rows r, unnest(array_append(r.tags, '')) AS t(tag)
    GROUP BY 1, 2, 3, 4, 5, 6
  ),
  towns AS (
    INSERT INTO enterprise_counts AS c (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, n)
    SELECT * FROM agg
    ON CONFLICT (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag) DO UPDATE SET n = c.n + excluded.n
  )
  INSERT INTO enterprise_count_deltas (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, n)
  SELECT left(division_code, 4), supervision_category, supervision_status, registration_status, supervising_level, tag, sum(n)
  FROM agg GROUP BY 1, 2, 3, 4, 5, 6;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION enterprise_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH agg AS (
    SELECT r.division_code, r.supervision_category, r.supervision_status, r.registration_status, r.supervising_level, t.tag, -count(*)::int AS n
    FROM old_rows r, unnest(array_append(r.tags, '')) AS t(tag)
    GROUP BY 1, 2, 3, 4, 5, 6
  ),
  towns AS (
    INSERT INTO enterprise_counts AS c (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, n)
    SELECT * FROM agg
    ON CONFLICT (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag) DO UPDATE SET n = c.n + excluded.n
  )
  INSERT INTO enterprise_count_deltas (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, n)
  SELECT left(division_code, 4), supervision_category, supervision_status, registration_status, supervising_level, tag, sum(n)
  FROM agg GROUP BY 1, 2, 3, 4, 5, 6;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION enterprise_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH agg AS (
    SELECT division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, sum(d)::int AS n
    FROM (
      SELECT r.division_code, r.supervision_category, r.supervision_status, r.registration_status, r.supervising_level, t.tag, -1 AS d
      FROM old_rows r, unnest(array_append(r.tags, '')) AS t(tag)
      UNION ALL
      SELECT r.division_code, r.supervision_category, r.supervision_status, r.registration_status, r.supervising_level, t.tag, 1 AS d
      FROM new_rows r, unnest(array_append(r.tags, '')) AS t(tag)
    ) changes
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(d) <> 0
  ),
  towns AS (
    INSERT INTO enterprise_counts AS c (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, n)
    SELECT * FROM agg
    ON CONFLICT (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag) DO UPDATE SET n = c.n + excluded.n
  ),
  cities AS (
    SELECT left(division_code, 4) AS city, supervision_category, supervision_status, registration_status, supervising_level, tag, sum(n)::int AS n
    FROM agg GROUP BY 1, 2, 3, 4, 5, 6
  )
  -- a move between two towns of one city nets nothing for the city
  INSERT INTO enterprise_count_deltas (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, n)
  SELECT * FROM cities WHERE n <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
INSERT INTO "enterprise_city_counts" (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, n)
SELECT left(division_code, 4), supervision_category, supervision_status, registration_status, supervising_level, tag, sum(n)
FROM "enterprise_counts" GROUP BY 1, 2, 3, 4, 5, 6;
