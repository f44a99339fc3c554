CREATE TABLE "resource_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"unit" text NOT NULL,
	"spec" text DEFAULT '' NOT NULL,
	"requires_3c" boolean DEFAULT false NOT NULL,
	"maintenance_days" integer,
	"unit_price_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "resource_items_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "resource_loan_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"loan_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"returned_good" integer DEFAULT 0 NOT NULL,
	"returned_damaged" integer DEFAULT 0 NOT NULL,
	"consumed" integer DEFAULT 0 NOT NULL,
	"lost" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "resource_loan_lines_accounted" CHECK ("resource_loan_lines"."returned_good" + "resource_loan_lines"."returned_damaged" + "resource_loan_lines"."consumed" + "resource_loan_lines"."lost" <= "resource_loan_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE "resource_loan_returns" (
	"id" serial PRIMARY KEY NOT NULL,
	"loan_id" integer NOT NULL,
	"line_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"condition" text NOT NULL,
	"returned_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"by_user" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_loans" (
	"id" serial PRIMARY KEY NOT NULL,
	"warehouse_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"borrower_division_code" text NOT NULL,
	"borrower_unit" text NOT NULL,
	"contact" text NOT NULL,
	"contact_phone" text NOT NULL,
	"purpose" text NOT NULL,
	"expected_return_on" date NOT NULL,
	"state" text NOT NULL,
	"applicant_id" integer NOT NULL,
	"needs_second_approval" boolean NOT NULL,
	"first_approver_id" integer,
	"second_approver_id" integer,
	"value_fen" bigint NOT NULL,
	"issued_on" date,
	"closed_on" date,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_lots" (
	"id" serial PRIMARY KEY NOT NULL,
	"warehouse_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"receipt_id" integer,
	"origin_lot_id" integer,
	"source" text NOT NULL,
	"received" integer NOT NULL,
	"balance" integer NOT NULL,
	"spec" text DEFAULT '' NOT NULL,
	"produced_on" date,
	"expires_on" date,
	"certificate_3c" text,
	"supplier" text,
	"unit_price_fen" bigint DEFAULT 0 NOT NULL,
	"received_on" date NOT NULL,
	"last_maintained_on" date,
	CONSTRAINT "resource_lots_balance_nonnegative" CHECK ("resource_lots"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "resource_minimums" (
	"warehouse_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "resource_minimums_pk" PRIMARY KEY("warehouse_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "resource_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lot_id" integer NOT NULL,
	"warehouse_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"counterparty" text,
	"note" text DEFAULT '' NOT NULL,
	"loan_id" integer,
	"by_user" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_receipts" (
	"id" serial PRIMARY KEY NOT NULL,
	"warehouse_id" integer NOT NULL,
	"source" text NOT NULL,
	"received_on" date NOT NULL,
	"acceptors" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_stocktake_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"stocktake_id" integer NOT NULL,
	"lot_id" integer NOT NULL,
	"expected" integer NOT NULL,
	"counted" integer
);
--> statement-breakpoint
CREATE TABLE "resource_stocktakes" (
	"id" serial PRIMARY KEY NOT NULL,
	"warehouse_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"counter_id" integer NOT NULL,
	"approver_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "resource_warehouses" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"division_code" text NOT NULL,
	"address" text NOT NULL,
	"keeper" text NOT NULL,
	"keeper_phone" text NOT NULL,
	"longitude" double precision NOT NULL,
	"latitude" double precision NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shelters" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"indoor" boolean NOT NULL,
	"level" text NOT NULL,
	"shelter_class" text NOT NULL,
	"division_code" text NOT NULL,
	"address" text NOT NULL,
	"longitude" double precision NOT NULL,
	"latitude" double precision NOT NULL,
	"area_m2" double precision NOT NULL,
	"capacity_override" integer,
	"override_reason" text,
	"managing_unit" text NOT NULL,
	"contact" text NOT NULL,
	"contact_phone" text NOT NULL,
	"status" text NOT NULL,
	"central_city" boolean DEFAULT false NOT NULL,
	"facilities" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"supplies" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shelters_area_nonnegative" CHECK ("shelters"."area_m2" >= 0)
);
--> statement-breakpoint
ALTER TABLE "resource_loan_lines" ADD CONSTRAINT "resource_loan_lines_loan_id_resource_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."resource_loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_loan_lines" ADD CONSTRAINT "resource_loan_lines_item_id_resource_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."resource_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_loan_returns" ADD CONSTRAINT "resource_loan_returns_loan_id_resource_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."resource_loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_loan_returns" ADD CONSTRAINT "resource_loan_returns_line_id_resource_loan_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."resource_loan_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_loan_returns" ADD CONSTRAINT "resource_loan_returns_by_user_users_id_fk" FOREIGN KEY ("by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_loans" ADD CONSTRAINT "resource_loans_warehouse_id_resource_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."resource_warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_loans" ADD CONSTRAINT "resource_loans_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_loans" ADD CONSTRAINT "resource_loans_first_approver_id_users_id_fk" FOREIGN KEY ("first_approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_loans" ADD CONSTRAINT "resource_loans_second_approver_id_users_id_fk" FOREIGN KEY ("second_approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_lots" ADD CONSTRAINT "resource_lots_warehouse_id_resource_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."resource_warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_lots" ADD CONSTRAINT "resource_lots_item_id_resource_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."resource_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_lots" ADD CONSTRAINT "resource_lots_receipt_id_resource_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."resource_receipts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_minimums" ADD CONSTRAINT "resource_minimums_warehouse_id_resource_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."resource_warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_minimums" ADD CONSTRAINT "resource_minimums_item_id_resource_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."resource_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_movements" ADD CONSTRAINT "resource_movements_lot_id_resource_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."resource_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_movements" ADD CONSTRAINT "resource_movements_by_user_users_id_fk" FOREIGN KEY ("by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_receipts" ADD CONSTRAINT "resource_receipts_warehouse_id_resource_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."resource_warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_receipts" ADD CONSTRAINT "resource_receipts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_stocktake_lines" ADD CONSTRAINT "resource_stocktake_lines_stocktake_id_resource_stocktakes_id_fk" FOREIGN KEY ("stocktake_id") REFERENCES "public"."resource_stocktakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_stocktake_lines" ADD CONSTRAINT "resource_stocktake_lines_lot_id_resource_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."resource_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_stocktakes" ADD CONSTRAINT "resource_stocktakes_warehouse_id_resource_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."resource_warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_stocktakes" ADD CONSTRAINT "resource_stocktakes_counter_id_users_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_stocktakes" ADD CONSTRAINT "resource_stocktakes_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_loan_lines_loan_idx" ON "resource_loan_lines" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "resource_loan_returns_loan_idx" ON "resource_loan_returns" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "resource_loans_division_idx" ON "resource_loans" USING btree ("division_code" text_pattern_ops,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "resource_loans_borrower_idx" ON "resource_loans" USING btree ("borrower_division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "resource_loans_open_idx" ON "resource_loans" USING btree ("expected_return_on") WHERE "resource_loans"."state" in ('issued', 'returning');--> statement-breakpoint
CREATE INDEX "resource_loans_pending_idx" ON "resource_loans" USING btree ("state") WHERE "resource_loans"."state" in ('requested', 'approved');--> statement-breakpoint
CREATE INDEX "resource_lots_warehouse_item_idx" ON "resource_lots" USING btree ("warehouse_id","item_id");--> statement-breakpoint
CREATE INDEX "resource_lots_division_idx" ON "resource_lots" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "resource_lots_expiry_idx" ON "resource_lots" USING btree ("expires_on") WHERE "resource_lots"."balance" > 0;--> statement-breakpoint
CREATE INDEX "resource_movements_lot_idx" ON "resource_movements" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "resource_movements_warehouse_idx" ON "resource_movements" USING btree ("warehouse_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "resource_movements_division_idx" ON "resource_movements" USING btree ("division_code" text_pattern_ops,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "resource_stocktake_lines_stocktake_idx" ON "resource_stocktake_lines" USING btree ("stocktake_id");--> statement-breakpoint
CREATE INDEX "resource_stocktakes_division_idx" ON "resource_stocktakes" USING btree ("division_code" text_pattern_ops,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "resource_warehouses_division_idx" ON "resource_warehouses" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "shelters_name_division_idx" ON "shelters" USING btree ("division_code","name");--> statement-breakpoint
CREATE INDEX "shelters_division_idx" ON "shelters" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "shelters_open_lat_idx" ON "shelters" USING btree ("latitude","longitude") WHERE "shelters"."status" = 'open';