CREATE TABLE "resource_stock" (
	"warehouse_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"balance" bigint NOT NULL,
	"lots" integer NOT NULL,
	CONSTRAINT "resource_stock_pk" PRIMARY KEY("warehouse_id","item_id")
);
--> statement-breakpoint
CREATE INDEX "resource_lots_maintained_idx" ON "resource_lots" USING btree ("item_id",coalesce("last_maintained_on", "received_on")) WHERE "resource_lots"."balance" > 0;--> statement-breakpoint
-- resource_stock follows resource_lots statement by statement (like hazard_counts, 0007): each statement adds its new
-- lots' balances and subtracts its old ones, once, by warehouse × item. Only the rows whose balance (or key) changed
-- move on an update, so setting a lot's maintenance date touches nothing here.
CREATE FUNCTION resource_stock_apply(d jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO resource_stock AS t (warehouse_id, item_id, balance, lots)
  SELECT x.warehouse_id, x.item_id, sum(x.balance), sum(x.lots)
    FROM jsonb_to_recordset(d) AS x(warehouse_id integer, item_id integer, balance bigint, lots integer)
   GROUP BY 1, 2
  HAVING sum(x.balance) <> 0 OR sum(x.lots) <> 0
  ON CONFLICT (warehouse_id, item_id) DO UPDATE SET balance = t.balance + excluded.balance, lots = t.lots + excluded.lots;
$$;
--> statement-breakpoint
CREATE FUNCTION resource_stock_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM resource_stock_apply((SELECT jsonb_agg(jsonb_build_object('warehouse_id', r.warehouse_id, 'item_id', r.item_id, 'balance', r.balance, 'lots', 1)) FROM new_rows r));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION resource_stock_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM resource_stock_apply((SELECT jsonb_agg(jsonb_build_object('warehouse_id', r.warehouse_id, 'item_id', r.item_id, 'balance', -r.balance, 'lots', -1)) FROM old_rows r));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION resource_stock_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM resource_stock_apply((SELECT jsonb_agg(c) FROM (
    SELECT jsonb_build_object('warehouse_id', o.warehouse_id, 'item_id', o.item_id, 'balance', -o.balance, 'lots', -1) AS c
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.warehouse_id, o.item_id, o.balance) IS DISTINCT FROM (n.warehouse_id, n.item_id, n.balance)
    UNION ALL
    SELECT jsonb_build_object('warehouse_id', n.warehouse_id, 'item_id', n.item_id, 'balance', n.balance, 'lots', 1)
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.warehouse_id, o.item_id, o.balance) IS DISTINCT FROM (n.warehouse_id, n.item_id, n.balance)) x));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER resource_stock_insert AFTER INSERT ON resource_lots REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION resource_stock_on_insert();
--> statement-breakpoint
CREATE TRIGGER resource_stock_delete AFTER DELETE ON resource_lots REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION resource_stock_on_delete();
--> statement-breakpoint
CREATE TRIGGER resource_stock_update AFTER UPDATE ON resource_lots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION resource_stock_on_update();
--> statement-breakpoint
INSERT INTO resource_stock (warehouse_id, item_id, balance, lots)
SELECT warehouse_id, item_id, sum(balance), count(*) FROM resource_lots GROUP BY warehouse_id, item_id;
