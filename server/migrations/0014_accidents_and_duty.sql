CREATE TABLE "accident_casualty_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"accident_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"deaths" integer NOT NULL,
	"missing" integer NOT NULL,
	"serious_injuries" integer NOT NULL,
	"minor_injuries" integer NOT NULL,
	"loss_fen" bigint NOT NULL,
	"grade_before" text,
	"grade_after" text,
	"in_window" boolean NOT NULL,
	"note" text NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "accident_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"accident_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "accidents" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"enterprise_id" integer,
	"party_name" text,
	"division_code" text NOT NULL,
	"city_code" text GENERATED ALWAYS AS (left(division_code, 4)) STORED NOT NULL,
	"industry" text,
	"supervision_category" text,
	"accident_type" text,
	"emergency_type" text,
	"place" text NOT NULL,
	"longitude" double precision,
	"latitude" double precision,
	"occurred_at" timestamp with time zone NOT NULL,
	"occurred_on" date NOT NULL,
	"known_at" timestamp with time zone NOT NULL,
	"summary" text NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"deaths" integer DEFAULT 0 NOT NULL,
	"missing" integer DEFAULT 0 NOT NULL,
	"serious_injuries" integer DEFAULT 0 NOT NULL,
	"minor_injuries" integer DEFAULT 0 NOT NULL,
	"loss_fen" bigint DEFAULT 0 NOT NULL,
	"affected_people" integer,
	"evacuated" integer,
	"houses_damaged" integer,
	"grade" text,
	"chain" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pending_level" text,
	"pending_due_at" timestamp with time zone,
	"follow_up_last_day" date NOT NULL,
	"follow_up_count" integer DEFAULT 0 NOT NULL,
	"investigation_lead_unit" text,
	"investigation_started_on" date,
	"investigation_report_due_on" date,
	"investigation_extension_days" integer,
	"investigation_extension_reason" text,
	"investigation_report_submitted_on" date,
	"investigation_parties" jsonb,
	"investigation_replied_on" date,
	"closed" boolean DEFAULT false NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"duty_date" date NOT NULL,
	"post" text NOT NULL,
	"name" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"duty_date" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"accident_id" integer,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "duty_swaps" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"duty_date" date NOT NULL,
	"post" text NOT NULL,
	"from_name" text NOT NULL,
	"to_name" text NOT NULL,
	"to_date" date,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
ALTER TABLE "accident_casualty_changes" ADD CONSTRAINT "accident_casualty_changes_accident_id_accidents_id_fk" FOREIGN KEY ("accident_id") REFERENCES "public"."accidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accident_casualty_changes" ADD CONSTRAINT "accident_casualty_changes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accident_findings" ADD CONSTRAINT "accident_findings_accident_id_accidents_id_fk" FOREIGN KEY ("accident_id") REFERENCES "public"."accidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accident_findings" ADD CONSTRAINT "accident_findings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accidents" ADD CONSTRAINT "accidents_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accidents" ADD CONSTRAINT "accidents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_log" ADD CONSTRAINT "duty_log_accident_id_accidents_id_fk" FOREIGN KEY ("accident_id") REFERENCES "public"."accidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_log" ADD CONSTRAINT "duty_log_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accident_casualty_changes_accident_idx" ON "accident_casualty_changes" USING btree ("accident_id","at");--> statement-breakpoint
CREATE INDEX "accident_findings_accident_idx" ON "accident_findings" USING btree ("accident_id");--> statement-breakpoint
CREATE INDEX "accidents_division_idx" ON "accidents" USING btree ("division_code" text_pattern_ops,"occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "accidents_city_idx" ON "accidents" USING btree ("city_code","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "accidents_occurred_on_idx" ON "accidents" USING btree ("city_code","occurred_on");--> statement-breakpoint
CREATE INDEX "accidents_pending_idx" ON "accidents" USING btree ("city_code","pending_due_at") WHERE "accidents"."pending_due_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "accidents_investigation_due_idx" ON "accidents" USING btree ("city_code","investigation_report_due_on") WHERE "accidents"."investigation_lead_unit" IS NOT NULL AND "accidents"."investigation_replied_on" IS NULL;--> statement-breakpoint
CREATE INDEX "accidents_enterprise_idx" ON "accidents" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "duty_assignments_day_idx" ON "duty_assignments" USING btree ("division_code","duty_date");--> statement-breakpoint
CREATE INDEX "duty_log_day_idx" ON "duty_log" USING btree ("division_code","duty_date","at");--> statement-breakpoint
CREATE INDEX "duty_log_accident_idx" ON "duty_log" USING btree ("accident_id");--> statement-breakpoint
CREATE INDEX "duty_swaps_day_idx" ON "duty_swaps" USING btree ("division_code","duty_date");