-- hazard_counts follows the hazards statement by statement (like inspection_counts, 0005): each statement adds its
-- new rows and subtracts its old ones, once. A hazard counts as found in the town, month (found_on), category, level
-- and source of its row, and as closed in the month of its closed_on once it is closed (销号).
CREATE TYPE hazard_count_change AS (division_code text, found_on date, closed_on date, category text, level text, source text, d integer);
--> statement-breakpoint
CREATE FUNCTION hazard_counts_apply(changes hazard_count_change[]) RETURNS void LANGUAGE sql AS $$
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
$$;
--> statement-breakpoint
CREATE FUNCTION hazard_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hazard_counts_apply(ARRAY(
    SELECT ROW(r.division_code, r.found_on, CASE WHEN r.state = 'closed' THEN r.closed_on END, r.category, r.level, r.source, 1)::hazard_count_change
    FROM new_rows r));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION hazard_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hazard_counts_apply(ARRAY(
    SELECT ROW(r.division_code, r.found_on, CASE WHEN r.state = 'closed' THEN r.closed_on END, r.category, r.level, r.source, -1)::hazard_count_change
    FROM old_rows r));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION hazard_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (a plan, an order, evidence, the supervised flag) change nothing counted: only the rows whose
  -- counted fields changed move, old out and new in.
  PERFORM hazard_counts_apply(ARRAY(
    SELECT ROW(r.division_code, r.found_on, CASE WHEN r.state = 'closed' THEN r.closed_on END, r.category, r.level, r.source, -1)::hazard_count_change
    FROM old_rows r LEFT JOIN new_rows n ON n.id = r.id
    WHERE n.id IS NULL
      OR (r.division_code, r.found_on, CASE WHEN r.state = 'closed' THEN r.closed_on END, r.category, r.level, r.source)
        IS DISTINCT FROM (n.division_code, n.found_on, CASE WHEN n.state = 'closed' THEN n.closed_on END, n.category, n.level, n.source)
    UNION ALL
    SELECT ROW(r.division_code, r.found_on, CASE WHEN r.state = 'closed' THEN r.closed_on END, r.category, r.level, r.source, 1)::hazard_count_change
    FROM new_rows r LEFT JOIN old_rows o ON o.id = r.id
    WHERE o.id IS NULL
      OR (r.division_code, r.found_on, CASE WHEN r.state = 'closed' THEN r.closed_on END, r.category, r.level, r.source)
        IS DISTINCT FROM (o.division_code, o.found_on, CASE WHEN o.state = 'closed' THEN o.closed_on END, o.category, o.level, o.source)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER hazard_counts_insert AFTER INSERT ON hazards REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER hazard_counts_delete AFTER DELETE ON hazards REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER hazard_counts_update AFTER UPDATE ON hazards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_counts_on_update();
--> statement-breakpoint
-- Records made before the counts existed.
SELECT hazard_counts_apply(ARRAY(
  SELECT ROW(r.division_code, r.found_on, CASE WHEN r.state = 'closed' THEN r.closed_on END, r.category, r.level, r.source, 1)::hazard_count_change
  FROM hazards r));
