CREATE TABLE "drill_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"drill_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"phase" text NOT NULL,
	"finding" text NOT NULL,
	"unit" text NOT NULL,
	"owner_id" integer NOT NULL,
	"deadline" date NOT NULL,
	"state" text NOT NULL,
	"evidence" text,
	"evidence_files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"completed_at" timestamp with time zone,
	"signed_off_by" integer,
	"signed_off_at" timestamp with time zone,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drills" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"plan_id" integer NOT NULL,
	"enterprise_id" integer,
	"division_code" text NOT NULL,
	"status" text NOT NULL,
	"planned_on" date NOT NULL,
	"held_on" date,
	"form" text NOT NULL,
	"notice" text NOT NULL,
	"organiser" text NOT NULL,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"observers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"observer_count" integer DEFAULT 0 NOT NULL,
	"participant_count" integer DEFAULT 0 NOT NULL,
	"joint_military" boolean DEFAULT false NOT NULL,
	"self_run" boolean DEFAULT true NOT NULL,
	"cost_fen" bigint DEFAULT 0 NOT NULL,
	"phases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"video_refs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_plan_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"no" integer NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"revised_on" date NOT NULL,
	"note" text NOT NULL,
	"drill_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"owner_unit" text NOT NULL,
	"enterprise_id" integer,
	"division_code" text NOT NULL,
	"issued_on" date NOT NULL,
	"revised_on" date,
	"review_cycle_months" integer DEFAULT 36 NOT NULL,
	"status" text NOT NULL,
	"work_safety" boolean DEFAULT false NOT NULL,
	"high_risk" boolean DEFAULT false NOT NULL,
	"accident_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"disaster_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"resources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"interval_months" integer,
	"duty_basis" text,
	"last_drill_on" date,
	"last_drill_id" integer,
	"next_due_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_attendees" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"passed" boolean
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"organiser" text NOT NULL,
	"held_on" date NOT NULL,
	"days" integer DEFAULT 1 NOT NULL,
	"division_code" text NOT NULL,
	"status" text NOT NULL,
	"officers" integer DEFAULT 0 NOT NULL,
	"principals" integer DEFAULT 0 NOT NULL,
	"safety_managers" integer DEFAULT 0 NOT NULL,
	"sanfang_staff" integer DEFAULT 0 NOT NULL,
	"public_people" integer DEFAULT 0 NOT NULL,
	"passed" integer,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "drill_tasks" ADD CONSTRAINT "drill_tasks_drill_id_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_tasks" ADD CONSTRAINT "drill_tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_tasks" ADD CONSTRAINT "drill_tasks_signed_off_by_users_id_fk" FOREIGN KEY ("signed_off_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_tasks" ADD CONSTRAINT "drill_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_plan_id_emergency_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."emergency_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plan_versions" ADD CONSTRAINT "emergency_plan_versions_plan_id_emergency_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."emergency_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plan_versions" ADD CONSTRAINT "emergency_plan_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plans" ADD CONSTRAINT "emergency_plans_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plans" ADD CONSTRAINT "emergency_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendees" ADD CONSTRAINT "training_attendees_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "drill_tasks_drill_idx" ON "drill_tasks" USING btree ("drill_id");--> statement-breakpoint
CREATE INDEX "drill_tasks_owner_idx" ON "drill_tasks" USING btree ("owner_id","state");--> statement-breakpoint
CREATE INDEX "drill_tasks_division_idx" ON "drill_tasks" USING btree ("division_code" text_pattern_ops,"state");--> statement-breakpoint
CREATE INDEX "drills_division_idx" ON "drills" USING btree ("division_code" text_pattern_ops,"planned_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "drills_date_idx" ON "drills" USING btree ("planned_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "drills_plan_idx" ON "drills" USING btree ("plan_id","held_on");--> statement-breakpoint
CREATE INDEX "drills_enterprise_idx" ON "drills" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_plan_versions_no_idx" ON "emergency_plan_versions" USING btree ("plan_id","no");--> statement-breakpoint
CREATE INDEX "emergency_plan_versions_drill_idx" ON "emergency_plan_versions" USING btree ("drill_id");--> statement-breakpoint
CREATE INDEX "emergency_plans_division_idx" ON "emergency_plans" USING btree ("division_code" text_pattern_ops,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "emergency_plans_due_idx" ON "emergency_plans" USING btree ("division_code" text_pattern_ops,"next_due_on");--> statement-breakpoint
CREATE INDEX "emergency_plans_enterprise_idx" ON "emergency_plans" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "emergency_plans_next_due_idx" ON "emergency_plans" USING btree ("next_due_on","id");--> statement-breakpoint
CREATE INDEX "training_attendees_session_idx" ON "training_attendees" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "training_sessions_division_idx" ON "training_sessions" USING btree ("division_code" text_pattern_ops,"held_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "training_sessions_date_idx" ON "training_sessions" USING btree ("held_on" DESC NULLS LAST,"id" DESC NULLS LAST);