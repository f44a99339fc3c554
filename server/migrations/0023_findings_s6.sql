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
ALTER TABLE "finding_report_feedback" ADD CONSTRAINT "finding_report_feedback_report_id_finding_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."finding_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_report_feedback" ADD CONSTRAINT "finding_report_feedback_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_reports" ADD CONSTRAINT "finding_reports_round_id_finding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."finding_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_reports" ADD CONSTRAINT "finding_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_reports" ADD CONSTRAINT "finding_reports_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finding_report_feedback_report_idx" ON "finding_report_feedback" USING btree ("report_id","received_at");--> statement-breakpoint
CREATE INDEX "finding_reports_round_idx" ON "finding_reports" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "finding_reports_state_idx" ON "finding_reports" USING btree ("state","published_at");