CREATE TABLE "emergency_plan_resources" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"warehouse_id" integer,
	"shelter_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "emergency_plan_resources_one_kind" CHECK (("emergency_plan_resources"."warehouse_id" IS NULL) <> ("emergency_plan_resources"."shelter_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "emergency_plan_resources" ADD CONSTRAINT "emergency_plan_resources_plan_id_emergency_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."emergency_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plan_resources" ADD CONSTRAINT "emergency_plan_resources_warehouse_id_resource_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."resource_warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plan_resources" ADD CONSTRAINT "emergency_plan_resources_shelter_id_shelters_id_fk" FOREIGN KEY ("shelter_id") REFERENCES "public"."shelters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plan_resources" ADD CONSTRAINT "emergency_plan_resources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_plan_resources_warehouse_idx" ON "emergency_plan_resources" USING btree ("plan_id","warehouse_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_plan_resources_shelter_idx" ON "emergency_plan_resources" USING btree ("plan_id","shelter_id");--> statement-breakpoint
CREATE INDEX "emergency_plan_resources_shelter_ref_idx" ON "emergency_plan_resources" USING btree ("shelter_id");--> statement-breakpoint
CREATE INDEX "emergency_plan_resources_warehouse_ref_idx" ON "emergency_plan_resources" USING btree ("warehouse_id");