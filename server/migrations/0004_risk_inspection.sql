CREATE TABLE "risk_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"kind" text NOT NULL,
	"category" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"module" text NOT NULL,
	"ref" text,
	"summary" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_grade_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"from_colour" text,
	"to_colour" text NOT NULL,
	"score" double precision,
	"basis" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"comment" text,
	"proposal_id" integer,
	"decided_by" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_grades" (
	"enterprise_id" integer PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"colour" text NOT NULL,
	"score" double precision,
	"basis" text NOT NULL,
	"forced_red" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assessed_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"from_colour" text NOT NULL,
	"to_colour" text NOT NULL,
	"direction" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"sha256" text PRIMARY KEY NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"file_name" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checklist_items" (
	"checklist_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "checklist_items_pk" PRIMARY KEY("checklist_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "checklists" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"supervision_category" text,
	"tag" text,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "checklists_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "draw_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"draw_id" integer NOT NULL,
	"position" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"stratum" text NOT NULL,
	"inspector_ids" integer[] NOT NULL,
	"inspection_id" integer
);
--> statement-breakpoint
CREATE TABLE "draws" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"commitment" text NOT NULL,
	"seed" text NOT NULL,
	"candidates" jsonb NOT NULL,
	"inspector_pool" jsonb NOT NULL,
	"params" jsonb NOT NULL,
	"candidates_hash" text NOT NULL,
	"inspectors_hash" text NOT NULL,
	"committed_at" timestamp with time zone NOT NULL,
	"drawn_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"redraw_of" integer,
	"redraw_reason" text,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"inspection_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"item_id" integer,
	"description" text NOT NULL,
	"major_hazard" boolean NOT NULL,
	"photos" text[] DEFAULT '{}'::text[] NOT NULL,
	"found_on" date NOT NULL,
	"hazard_id" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_answers" (
	"inspection_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"result" text NOT NULL,
	"note" text,
	"photos" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "inspection_answers_pk" PRIMARY KEY("inspection_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_inspectors" (
	"inspection_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"certificate_no" text NOT NULL,
	CONSTRAINT "inspection_inspectors_pk" PRIMARY KEY("inspection_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"legal_basis" text NOT NULL,
	"standard" text,
	"group_name" text NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"major_hazard" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"year" smallint NOT NULL,
	"title" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"focus" text NOT NULL,
	"pool" jsonb NOT NULL,
	"ratios" jsonb NOT NULL,
	"inspectors_per_target" smallint DEFAULT 2 NOT NULL,
	"status" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"city_code" text GENERATED ALWAYS AS (left(division_code, 4)) STORED NOT NULL,
	"kind" text NOT NULL,
	"draw_target_id" integer,
	"plan_id" integer,
	"colour" text,
	"checklist_id" integer,
	"inspected_on" date NOT NULL,
	"place" text NOT NULL,
	"conclusion" text,
	"signature_sha256" text,
	"representative_name" text,
	"status" text NOT NULL,
	"findings_count" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspector_conflicts" (
	"inspector_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"reason" text NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspector_conflicts_pk" PRIMARY KEY("inspector_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "inspectors" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"certificate_no" text NOT NULL,
	"certificate_expires_on" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "risk_events" ADD CONSTRAINT "risk_events_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_grade_history" ADD CONSTRAINT "risk_grade_history_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_grade_history" ADD CONSTRAINT "risk_grade_history_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_grades" ADD CONSTRAINT "risk_grades_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_proposals" ADD CONSTRAINT "risk_proposals_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_proposals" ADD CONSTRAINT "risk_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_checklist_id_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."checklists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_item_id_inspection_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."inspection_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_targets" ADD CONSTRAINT "draw_targets_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_targets" ADD CONSTRAINT "draw_targets_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_item_id_inspection_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."inspection_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_answers" ADD CONSTRAINT "inspection_answers_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_answers" ADD CONSTRAINT "inspection_answers_item_id_inspection_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."inspection_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_inspectors" ADD CONSTRAINT "inspection_inspectors_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_inspectors" ADD CONSTRAINT "inspection_inspectors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_draw_target_id_draw_targets_id_fk" FOREIGN KEY ("draw_target_id") REFERENCES "public"."draw_targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_checklist_id_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."checklists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_conflicts" ADD CONSTRAINT "inspector_conflicts_inspector_id_inspectors_user_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_conflicts" ADD CONSTRAINT "inspector_conflicts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_events_ent_idx" ON "risk_events" USING btree ("enterprise_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_events_ref_uq" ON "risk_events" USING btree ("kind","ref");--> statement-breakpoint
CREATE INDEX "risk_grade_history_ent_idx" ON "risk_grade_history" USING btree ("enterprise_id","at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "risk_grades_division_idx" ON "risk_grades" USING btree ("division_code" text_pattern_ops,"colour");--> statement-breakpoint
CREATE INDEX "risk_grades_colour_idx" ON "risk_grades" USING btree ("colour","division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "risk_grades_valid_idx" ON "risk_grades" USING btree ("valid_until");--> statement-breakpoint
CREATE INDEX "risk_proposals_status_idx" ON "risk_proposals" USING btree ("status","division_code" text_pattern_ops,"id");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_proposals_pending_uq" ON "risk_proposals" USING btree ("enterprise_id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "draw_targets_draw_pos_uq" ON "draw_targets" USING btree ("draw_id","position");--> statement-breakpoint
CREATE INDEX "draw_targets_ent_idx" ON "draw_targets" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "draw_targets_division_idx" ON "draw_targets" USING btree ("division_code" text_pattern_ops,"draw_id");--> statement-breakpoint
CREATE INDEX "draws_plan_idx" ON "draws" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "draws_published_idx" ON "draws" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "findings_division_idx" ON "findings" USING btree ("division_code" text_pattern_ops,"found_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "findings_inspection_idx" ON "findings" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "findings_ent_idx" ON "findings" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "inspection_inspectors_user_idx" ON "inspection_inspectors" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_items_code_uq" ON "inspection_items" USING btree ("code");--> statement-breakpoint
CREATE INDEX "inspection_plans_division_idx" ON "inspection_plans" USING btree ("division_code" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "inspections_division_idx" ON "inspections" USING btree ("division_code" text_pattern_ops,"inspected_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "inspections_city_idx" ON "inspections" USING btree ("city_code","inspected_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "inspections_ent_idx" ON "inspections" USING btree ("enterprise_id","inspected_on" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "inspections_plan_idx" ON "inspections" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_target_uq" ON "inspections" USING btree ("draw_target_id");--> statement-breakpoint
CREATE INDEX "inspector_conflicts_ent_idx" ON "inspector_conflicts" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "inspectors_division_idx" ON "inspectors" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "inspectors_certificate_uq" ON "inspectors" USING btree ("certificate_no");