-- enterprise_counts follows enterprises statement by statement: each INSERT, UPDATE or DELETE adds its new rows'
-- groups and subtracts its old rows' groups, once per statement (a 40,000-row import is one aggregate, not 40,000).
CREATE FUNCTION enterprise_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO enterprise_counts AS c (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, n)
  SELECT r.division_code, r.supervision_category, r.supervision_status, r.registration_status, r.supervising_level, t.tag, count(*)
  FROM new_rows r, unnest(array_append(r.tags, '')) AS t(tag)
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION enterprise_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO enterprise_counts AS c (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, n)
  SELECT r.division_code, r.supervision_category, r.supervision_status, r.registration_status, r.supervising_level, t.tag, -count(*)
  FROM old_rows r, unnest(array_append(r.tags, '')) AS t(tag)
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION enterprise_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO enterprise_counts AS c (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, n)
  SELECT division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, sum(d)
  FROM (
    SELECT r.division_code, r.supervision_category, r.supervision_status, r.registration_status, r.supervising_level, t.tag, -1 AS d
    FROM old_rows r, unnest(array_append(r.tags, '')) AS t(tag)
    UNION ALL
    SELECT r.division_code, r.supervision_category, r.supervision_status, r.registration_status, r.supervising_level, t.tag, 1 AS d
    FROM new_rows r, unnest(array_append(r.tags, '')) AS t(tag)
  ) changes
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d) <> 0
  ON CONFLICT (division_code, supervision_category, supervision_status, registration_status, supervising_level, tag) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER enterprise_counts_insert AFTER INSERT ON enterprises REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enterprise_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER enterprise_counts_delete AFTER DELETE ON enterprises REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enterprise_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER enterprise_counts_update AFTER UPDATE ON enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enterprise_counts_on_update();
