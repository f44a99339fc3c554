CREATE TABLE "finding_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"section" text NOT NULL,
	"item_no" integer NOT NULL,
	"title" text NOT NULL,
	"quote" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finding_measures" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"content" text NOT NULL,
	"lead_leader" text NOT NULL,
	"department" text NOT NULL,
	"owner_id" integer NOT NULL,
	"deadline" date NOT NULL,
	"term" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"reviewer_id" integer,
	"signed_off_by" integer,
	"signed_off_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"progress_count" integer DEFAULT 0 NOT NULL,
	"last_progress_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finding_progress" (
	"id" serial PRIMARY KEY NOT NULL,
	"measure_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"look_back_round_id" integer,
	"author_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finding_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"title" text NOT NULL,
	"source" text NOT NULL,
	"inspector" text NOT NULL,
	"inspected_from" date NOT NULL,
	"inspected_to" date NOT NULL,
	"feedback_on" date NOT NULL,
	"feedback_document" text DEFAULT '' NOT NULL,
	"look_back_of" integer,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "finding_items" ADD CONSTRAINT "finding_items_round_id_finding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."finding_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_measures" ADD CONSTRAINT "finding_measures_finding_id_finding_items_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."finding_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_measures" ADD CONSTRAINT "finding_measures_round_id_finding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."finding_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_measures" ADD CONSTRAINT "finding_measures_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_measures" ADD CONSTRAINT "finding_measures_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_measures" ADD CONSTRAINT "finding_measures_signed_off_by_users_id_fk" FOREIGN KEY ("signed_off_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_progress" ADD CONSTRAINT "finding_progress_measure_id_finding_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."finding_measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_progress" ADD CONSTRAINT "finding_progress_look_back_round_id_finding_rounds_id_fk" FOREIGN KEY ("look_back_round_id") REFERENCES "public"."finding_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_progress" ADD CONSTRAINT "finding_progress_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_rounds" ADD CONSTRAINT "finding_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finding_items_round_idx" ON "finding_items" USING btree ("round_id","item_no");--> statement-breakpoint
CREATE INDEX "finding_measures_finding_idx" ON "finding_measures" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "finding_measures_owner_idx" ON "finding_measures" USING btree ("owner_id","state");--> statement-breakpoint
CREATE INDEX "finding_measures_reviewer_idx" ON "finding_measures" USING btree ("reviewer_id","state");--> statement-breakpoint
CREATE INDEX "finding_measures_deadline_idx" ON "finding_measures" USING btree ("division_code","state","deadline");--> statement-breakpoint
CREATE INDEX "finding_progress_measure_idx" ON "finding_progress" USING btree ("measure_id","at");--> statement-breakpoint
CREATE INDEX "finding_rounds_division_idx" ON "finding_rounds" USING btree ("division_code","feedback_on");