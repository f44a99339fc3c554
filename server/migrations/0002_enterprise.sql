CREATE TABLE "enterprise_counts" (
	"division_code" text NOT NULL,
	"supervision_category" text NOT NULL,
	"supervision_status" text NOT NULL,
	"registration_status" text NOT NULL,
	"supervising_level" text NOT NULL,
	"tag" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "enterprise_counts_pk" PRIMARY KEY("division_code","supervision_category","supervision_status","registration_status","supervising_level","tag")
);
--> statement-breakpoint
CREATE TABLE "enterprise_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"module" text NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"ref" text
);
--> statement-breakpoint
CREATE TABLE "enterprise_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"from_code" text NOT NULL,
	"to_code" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" integer NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" serial PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"former_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"legal_representative" text,
	"principal_name" text,
	"principal_phone" text,
	"safety_manager_name" text,
	"safety_manager_phone" text,
	"address" text,
	"longitude" double precision,
	"latitude" double precision,
	"division_code" text NOT NULL,
	"city_code" text GENERATED ALWAYS AS (left(division_code, 4)) STORED NOT NULL,
	"industry_code" text,
	"supervision_category" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"employees" integer,
	"above_scale" boolean,
	"registration_status" text DEFAULT '存续' NOT NULL,
	"supervision_status" text DEFAULT '在管' NOT NULL,
	"supervising_level" text NOT NULL,
	"search_grams" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"applied_by" integer,
	"applied_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_sources" (
	"name" text PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licences" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"issued_on" date,
	"expires_on" date
);
--> statement-breakpoint
ALTER TABLE "enterprise_events" ADD CONSTRAINT "enterprise_events_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_transfers" ADD CONSTRAINT "enterprise_transfers_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_transfers" ADD CONSTRAINT "enterprise_transfers_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_transfers" ADD CONSTRAINT "enterprise_transfers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_events_idx" ON "enterprise_events" USING btree ("enterprise_id","at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "enterprise_transfers_to_idx" ON "enterprise_transfers" USING btree ("to_code","status");--> statement-breakpoint
CREATE INDEX "enterprise_transfers_ent_idx" ON "enterprise_transfers" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_credit_code_uq" ON "enterprises" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "enterprises_division_idx" ON "enterprises" USING btree ("division_code" text_pattern_ops,"updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "enterprises_category_idx" ON "enterprises" USING btree ("supervision_category","division_code" text_pattern_ops,"updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "enterprises_status_idx" ON "enterprises" USING btree ("supervision_status","division_code" text_pattern_ops,"updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "enterprises_tags_idx" ON "enterprises" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "enterprises_grams_idx" ON "enterprises" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "enterprises_updated_idx" ON "enterprises" USING btree ("updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "enterprises_city_idx" ON "enterprises" USING btree ("city_code","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "enterprises_name_idx" ON "enterprises" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "enterprises_employees_idx" ON "enterprises" USING btree ("employees","id");--> statement-breakpoint
CREATE INDEX "licences_enterprise_idx" ON "licences" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "licences_expires_idx" ON "licences" USING btree ("expires_on");