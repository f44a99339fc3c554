CREATE TABLE "campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"division_code" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_campaigns" (
	"hazard_id" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	CONSTRAINT "hazard_campaigns_pk" PRIMARY KEY("hazard_id","campaign_id")
);
--> statement-breakpoint
CREATE TABLE "hazard_counts" (
	"division_code" text NOT NULL,
	"month" text NOT NULL,
	"category" text NOT NULL,
	"level" text NOT NULL,
	"source" text NOT NULL,
	"found" integer NOT NULL,
	"closed" integer NOT NULL,
	CONSTRAINT "hazard_counts_pk" PRIMARY KEY("division_code","month","category","level","source")
);
--> statement-breakpoint
CREATE TABLE "hazard_extensions" (
	"id" serial PRIMARY KEY NOT NULL,
	"hazard_id" integer NOT NULL,
	"previous_deadline" date NOT NULL,
	"requested_deadline" date NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" integer,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "hazard_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hazard_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text,
	"deadline" date,
	"photos" text[] DEFAULT '{}'::text[] NOT NULL,
	"documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"actor_id" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazards" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"city_code" text GENERATED ALWAYS AS (left(division_code, 4)) STORED NOT NULL,
	"source" text NOT NULL,
	"category" text NOT NULL,
	"level" text NOT NULL,
	"criterion_item_id" integer,
	"description" text NOT NULL,
	"location" text NOT NULL,
	"photos" text[] DEFAULT '{}'::text[] NOT NULL,
	"found_on" date NOT NULL,
	"found_by" text NOT NULL,
	"responsible_person" text NOT NULL,
	"deadline" date NOT NULL,
	"state" text NOT NULL,
	"plan" jsonb,
	"order_no" text,
	"ordered_at" timestamp with time zone,
	"inspection_id" integer,
	"finding_id" integer,
	"supervised" boolean DEFAULT false NOT NULL,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone,
	"closed_by" integer,
	"closed_at" timestamp with time zone,
	"closed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"supervision_id" integer NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"note" text NOT NULL,
	"passed" boolean,
	"review_due_on" date,
	"request_id" integer,
	"documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"actor_id" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"target" text NOT NULL,
	"hazard_id" integer,
	"division_code" text NOT NULL,
	"supervising_body" text NOT NULL,
	"leader_name" text NOT NULL,
	"deadline" date NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"lifted_by" integer,
	"lifted_at" timestamp with time zone,
	"lift_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "enterprise_id" integer;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_campaigns" ADD CONSTRAINT "hazard_campaigns_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_campaigns" ADD CONSTRAINT "hazard_campaigns_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_extensions" ADD CONSTRAINT "hazard_extensions_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_extensions" ADD CONSTRAINT "hazard_extensions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_extensions" ADD CONSTRAINT "hazard_extensions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_transitions" ADD CONSTRAINT "hazard_transitions_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_transitions" ADD CONSTRAINT "hazard_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_criterion_item_id_inspection_items_id_fk" FOREIGN KEY ("criterion_item_id") REFERENCES "public"."inspection_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_actions" ADD CONSTRAINT "supervision_actions_supervision_id_supervisions_id_fk" FOREIGN KEY ("supervision_id") REFERENCES "public"."supervisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_actions" ADD CONSTRAINT "supervision_actions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_division_idx" ON "campaigns" USING btree ("division_code" text_pattern_ops,"starts_on");--> statement-breakpoint
CREATE INDEX "hazard_campaigns_campaign_idx" ON "hazard_campaigns" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "hazard_counts_division_idx" ON "hazard_counts" USING btree ("division_code" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "hazard_counts_month_idx" ON "hazard_counts" USING btree ("month","division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "hazard_extensions_hazard_idx" ON "hazard_extensions" USING btree ("hazard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_extensions_pending_uq" ON "hazard_extensions" USING btree ("hazard_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "hazard_transitions_hazard_idx" ON "hazard_transitions" USING btree ("hazard_id","id");--> statement-breakpoint
CREATE INDEX "hazards_division_idx" ON "hazards" USING btree ("division_code" text_pattern_ops,"found_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "hazards_city_idx" ON "hazards" USING btree ("city_code","found_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "hazards_date_idx" ON "hazards" USING btree ("found_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "hazards_ent_idx" ON "hazards" USING btree ("enterprise_id","found_on" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "hazards_inspection_idx" ON "hazards" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hazards_finding_uq" ON "hazards" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "hazards_open_idx" ON "hazards" USING btree ("division_code" text_pattern_ops,"deadline") WHERE state <> 'closed';--> statement-breakpoint
CREATE INDEX "hazards_open_city_idx" ON "hazards" USING btree ("city_code","deadline") WHERE state <> 'closed';--> statement-breakpoint
CREATE INDEX "hazards_closed_idx" ON "hazards" USING btree ("city_code","closed_on") WHERE closed_on IS NOT NULL;--> statement-breakpoint
CREATE INDEX "hazards_major_idx" ON "hazards" USING btree ("city_code","found_on") WHERE level = 'major';--> statement-breakpoint
CREATE INDEX "supervision_actions_supervision_idx" ON "supervision_actions" USING btree ("supervision_id","id");--> statement-breakpoint
CREATE INDEX "supervisions_division_idx" ON "supervisions" USING btree ("division_code" text_pattern_ops,"status","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "supervisions_hazard_idx" ON "supervisions" USING btree ("hazard_id");--> statement-breakpoint
-- An enterprise user speaks for one firm (declared here: the schema files cannot import enterprise into org).
-- Deferred: a backup restores users before enterprises, in one transaction.
ALTER TABLE "users" ADD CONSTRAINT "users_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") DEFERRABLE INITIALLY DEFERRED;
