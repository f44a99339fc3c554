CREATE TABLE "finding_report_feedback" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"contact" text NOT NULL,
	"text" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"reply" text,
	"replied_by" integer,
	"replied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "finding_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"title" text NOT NULL,
	"leadership" text NOT NULL,
	"next_steps" text NOT NULL,
	"contacts" text NOT NULL,
	"issuer" text NOT NULL,
	"feedback_days" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"content" jsonb,
	"feedback_from" date,
	"feedback_to" date,
	"created_by" integer NOT NULL,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flood_check_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"village_code" text DEFAULT '' NOT NULL,
	"item_code" text NOT NULL,
	"present" boolean NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"department" text NOT NULL,
	"checked_on" date NOT NULL,
	"checked_by" integer NOT NULL,
	"fixed_on" date,
	"fix_note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flood_check_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"season" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"departments" jsonb NOT NULL,
	"town_items" jsonb NOT NULL,
	"village_items" jsonb NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_counts" (
	"subject" text NOT NULL,
	"division_code" text NOT NULL,
	"month" text NOT NULL,
	"state" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"due_month" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "rollup_counts_pk" PRIMARY KEY("subject","division_code","month","state","kind","category","due_month")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "payment_plan" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "demand_served_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "demand_comply_by" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "enforcement_due_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "enforcement_applied_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "enforcement_court" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "daily_fine" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closure_ground" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closure_alerted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "attachments" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "response_levels" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "waterlogging_points" ADD COLUMN "warehouse_id" integer;--> statement-breakpoint
ALTER TABLE "finding_report_feedback" ADD CONSTRAINT "finding_report_feedback_report_id_finding_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."finding_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_report_feedback" ADD CONSTRAINT "finding_report_feedback_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_reports" ADD CONSTRAINT "finding_reports_round_id_finding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."finding_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_reports" ADD CONSTRAINT "finding_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_reports" ADD CONSTRAINT "finding_reports_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flood_check_results" ADD CONSTRAINT "flood_check_results_round_id_flood_check_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."flood_check_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flood_check_results" ADD CONSTRAINT "flood_check_results_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flood_check_rounds" ADD CONSTRAINT "flood_check_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finding_report_feedback_report_idx" ON "finding_report_feedback" USING btree ("report_id","received_at");--> statement-breakpoint
CREATE INDEX "finding_reports_round_idx" ON "finding_reports" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "finding_reports_state_idx" ON "finding_reports" USING btree ("state","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "flood_check_results_uq" ON "flood_check_results" USING btree ("round_id","division_code","village_code","item_code");--> statement-breakpoint
CREATE INDEX "rollup_counts_month_idx" ON "rollup_counts" USING btree ("subject","month","division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "rollup_counts_state_idx" ON "rollup_counts" USING btree ("subject","state","division_code" text_pattern_ops);