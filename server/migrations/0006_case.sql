CREATE TABLE "case_discretion_bands" (
	"violation_id" integer NOT NULL,
	"target" text NOT NULL,
	"circumstance" text NOT NULL,
	"min_fen" bigint NOT NULL,
	"max_fen" bigint NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "case_discretion_bands_pk" PRIMARY KEY("violation_id","target","circumstance")
);
--> statement-breakpoint
CREATE TABLE "case_document_sequences" (
	"division_code" text NOT NULL,
	"year" smallint NOT NULL,
	"kind" text NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "case_document_sequences_pk" PRIMARY KEY("division_code","year","kind")
);
--> statement-breakpoint
CREATE TABLE "case_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"kind" text NOT NULL,
	"division_code" text NOT NULL,
	"year" smallint NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"content" jsonb,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"note" text,
	"payload" jsonb,
	"actor_id" integer,
	"actor_name" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"sha256" text NOT NULL,
	"collected_on" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_extensions" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"days" integer NOT NULL,
	"reason" text NOT NULL,
	"approved_by" integer,
	"approved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_officers" (
	"case_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"certificate_no" text,
	CONSTRAINT "case_officers_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"paid_on" date NOT NULL,
	"principal_fen" bigint NOT NULL,
	"surcharge_fen" bigint NOT NULL,
	"receipt_no" text,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_penalties" (
	"case_id" integer NOT NULL,
	"code" text NOT NULL,
	"target" text NOT NULL,
	"circumstance" text NOT NULL,
	"proposed_fine_fen" bigint NOT NULL,
	"decided_fine_fen" bigint,
	"band_min_fen" bigint,
	"band_max_fen" bigint,
	"outside_band_reason" text,
	CONSTRAINT "case_penalties_pk" PRIMARY KEY("case_id","code","target")
);
--> statement-breakpoint
CREATE TABLE "case_review_files" (
	"round_id" integer NOT NULL,
	"case_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"reviewer_id" integer,
	"scores" jsonb,
	"total_score" integer,
	"comment" text,
	"scored_at" timestamp with time zone,
	CONSTRAINT "case_review_files_pk" PRIMARY KEY("round_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "case_review_problems" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"case_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"criterion" text NOT NULL,
	"description" text NOT NULL,
	"send_back" boolean DEFAULT false NOT NULL,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_review_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"title" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"pick" text NOT NULL,
	"status" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_violations" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"violated_provision" text NOT NULL,
	"penalty_provision" text NOT NULL,
	"unit_min_fen" bigint,
	"unit_max_fen" bigint,
	"person_min_fen" bigint,
	"person_max_fen" bigint,
	"other_penalties" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"city_code" text GENERATED ALWAYS AS (left(division_code, 4)) STORED NOT NULL,
	"case_no" text,
	"procedure" text NOT NULL,
	"stage" text NOT NULL,
	"enterprise_id" integer,
	"person_name" text,
	"person_id_number" text,
	"person_position" text,
	"party_name" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_ref" integer,
	"summary" text NOT NULL,
	"violation_codes" text[] NOT NULL,
	"occurred_on" date NOT NULL,
	"discovered_on" date NOT NULL,
	"harms_life_or_health" boolean DEFAULT false NOT NULL,
	"filed_on" date,
	"decision_due_on" date,
	"findings" text,
	"complex" boolean DEFAULT false NOT NULL,
	"major_public_interest" boolean DEFAULT false NOT NULL,
	"confiscation_fen" bigint DEFAULT 0 NOT NULL,
	"other_penalties" text[] DEFAULT '{}'::text[] NOT NULL,
	"evidence_count" integer DEFAULT 0 NOT NULL,
	"legal_review_passed_at" timestamp with time zone,
	"legal_reviewer_id" integer,
	"legal_review_opinion" text,
	"deliberated_at" timestamp with time zone,
	"deliberation_conclusion" text,
	"notified_on" date,
	"notice_fine_fen" bigint,
	"rights_waived" boolean DEFAULT false NOT NULL,
	"statement" text,
	"hearing_requested_on" date,
	"hearing_on" date,
	"hearing_chair_id" integer,
	"hearing_place" text,
	"hearing_held_on" date,
	"decision_outcome" text,
	"decided_on" date,
	"fine_decided_fen" bigint DEFAULT 0 NOT NULL,
	"fine_paid_fen" bigint DEFAULT 0 NOT NULL,
	"surcharge_paid_fen" bigint DEFAULT 0 NOT NULL,
	"served_on" date,
	"service_method" text,
	"paid_off_on" date,
	"closed_on" date,
	"withdrawn_reason" text,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_discretion_bands" ADD CONSTRAINT "case_discretion_bands_violation_id_case_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."case_violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_sha256_attachments_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."attachments"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_extensions" ADD CONSTRAINT "case_extensions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_extensions" ADD CONSTRAINT "case_extensions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_officers" ADD CONSTRAINT "case_officers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_officers" ADD CONSTRAINT "case_officers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_payments" ADD CONSTRAINT "case_payments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_payments" ADD CONSTRAINT "case_payments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_penalties" ADD CONSTRAINT "case_penalties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_files" ADD CONSTRAINT "case_review_files_round_id_case_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."case_review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_files" ADD CONSTRAINT "case_review_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_files" ADD CONSTRAINT "case_review_files_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_problems" ADD CONSTRAINT "case_review_problems_round_id_case_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."case_review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_problems" ADD CONSTRAINT "case_review_problems_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_rounds" ADD CONSTRAINT "case_review_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_legal_reviewer_id_users_id_fk" FOREIGN KEY ("legal_reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_hearing_chair_id_users_id_fk" FOREIGN KEY ("hearing_chair_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_seq_uq" ON "case_documents" USING btree ("division_code","year","kind","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_number_uq" ON "case_documents" USING btree ("number");--> statement-breakpoint
CREATE INDEX "case_documents_case_idx" ON "case_documents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_evidence_case_idx" ON "case_evidence" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_extensions_case_idx" ON "case_extensions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_officers_user_idx" ON "case_officers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "case_payments_case_idx" ON "case_payments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_payments_paid_idx" ON "case_payments" USING btree ("paid_on");--> statement-breakpoint
CREATE INDEX "case_review_problems_round_idx" ON "case_review_problems" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "case_review_problems_division_idx" ON "case_review_problems" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "case_violations_code_uq" ON "case_violations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "cases_division_idx" ON "cases" USING btree ("division_code" text_pattern_ops,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "cases_city_idx" ON "cases" USING btree ("city_code","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "cases_stage_idx" ON "cases" USING btree ("stage","city_code");--> statement-breakpoint
CREATE INDEX "cases_ent_idx" ON "cases" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "cases_decided_idx" ON "cases" USING btree ("decided_on","division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_due_idx" ON "cases" USING btree ("decision_due_on") WHERE decided_on IS NULL AND stage NOT IN ('closed', 'withdrawn');--> statement-breakpoint
CREATE INDEX "cases_updated_idx" ON "cases" USING btree ("updated_at","id");