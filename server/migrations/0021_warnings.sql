CREATE TABLE "deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"recipient_name" text DEFAULT '' NOT NULL,
	"message" text NOT NULL,
	"ref" text,
	"module" text NOT NULL,
	"division_code" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"href" text,
	"ref" text,
	"module" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"ref" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"recipients" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_secrets" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" serial PRIMARY KEY NOT NULL,
	"response_id" integer NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"attendees" text NOT NULL,
	"conclusions" text NOT NULL,
	"actor_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_holders" (
	"id" serial PRIMARY KEY NOT NULL,
	"post_id" integer NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"user_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_levels" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"level" text NOT NULL,
	"warning_ids" integer[] NOT NULL,
	"reason" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"previous_id" integer,
	"actor_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "villages" (
	"code" text PRIMARY KEY NOT NULL,
	"town_code" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warning_id" integer NOT NULL,
	"recipient_id" bigint,
	"division_code" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text,
	"name" text DEFAULT '' NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"village_code" text,
	"level" text NOT NULL,
	"title" text NOT NULL,
	"town_leader" boolean DEFAULT false NOT NULL,
	"superior_id" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_recipients" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warning_id" integer NOT NULL,
	"version" integer NOT NULL,
	"post_id" integer NOT NULL,
	"holder_id" integer,
	"user_id" integer,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"post_title" text NOT NULL,
	"division_code" text NOT NULL,
	"village_code" text,
	"stage" integer DEFAULT 0 NOT NULL,
	"escalated_from" bigint,
	"mode" text NOT NULL,
	"state" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"repeats" integer DEFAULT 0 NOT NULL,
	"answered_at" timestamp with time zone,
	"answer_note" text,
	"answered_via" text,
	"escalated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "warning_timers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"recipient_id" bigint NOT NULL,
	"warning_id" integer NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "warning_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"warning_id" integer NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"area_all" boolean NOT NULL,
	"towns" text[] NOT NULL,
	"text" text NOT NULL,
	"expected_until" timestamp with time zone,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warnings" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"area_all" boolean NOT NULL,
	"towns" text[] NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expected_until" timestamp with time zone,
	"text" text NOT NULL,
	"source" text NOT NULL,
	"attachment" text,
	"link_base" text NOT NULL,
	"state" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"lifted_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waterlogging_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"name" text NOT NULL,
	"location" text NOT NULL,
	"longitude" double precision,
	"latitude" double precision,
	"responsible_person" text NOT NULL,
	"phone" text NOT NULL,
	"pumps" integer DEFAULT 0 NOT NULL,
	"supplies" text DEFAULT '' NOT NULL,
	"road_closure" text DEFAULT '' NOT NULL,
	"evacuation" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waterlogging_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"point_id" integer NOT NULL,
	"kind" text NOT NULL,
	"warning_id" integer,
	"on" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"depth_cm" integer,
	"rainfall_mm" integer,
	"note" text DEFAULT '' NOT NULL,
	"actor_name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_response_id_response_levels_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."response_levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_holders" ADD CONSTRAINT "post_holders_post_id_warning_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."warning_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_holders" ADD CONSTRAINT "post_holders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_versions" ADD CONSTRAINT "warning_versions_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waterlogging_records" ADD CONSTRAINT "waterlogging_records_point_id_waterlogging_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."waterlogging_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "deliveries_ref_idx" ON "deliveries" USING btree ("ref");--> statement-breakpoint
CREATE INDEX "deliveries_division_idx" ON "deliveries" USING btree ("division_code" text_pattern_ops,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "delivery_attempts_delivery_idx" ON "delivery_attempts" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE read_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_ref_uq" ON "notifications" USING btree ("user_id","ref") WHERE ref IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_log_uq" ON "reminder_log" USING btree ("provider","ref");--> statement-breakpoint
CREATE INDEX "consultations_response_idx" ON "consultations" USING btree ("response_id","held_at");--> statement-breakpoint
CREATE INDEX "post_holders_post_idx" ON "post_holders" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "response_levels_started_idx" ON "response_levels" USING btree ("started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "villages_town_name_uq" ON "villages" USING btree ("town_code","name");--> statement-breakpoint
CREATE INDEX "warning_log_warning_idx" ON "warning_log" USING btree ("warning_id","id");--> statement-breakpoint
CREATE INDEX "warning_posts_division_idx" ON "warning_posts" USING btree ("division_code" text_pattern_ops,"id");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_posts_title_uq" ON "warning_posts" USING btree ("division_code",coalesce("village_code", ''),"title");--> statement-breakpoint
CREATE INDEX "warning_recipients_warning_idx" ON "warning_recipients" USING btree ("warning_id","division_code","state");--> statement-breakpoint
CREATE INDEX "warning_recipients_post_idx" ON "warning_recipients" USING btree ("warning_id","post_id");--> statement-breakpoint
CREATE INDEX "warning_recipients_user_idx" ON "warning_recipients" USING btree ("user_id","state") WHERE user_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "warning_timers_due_idx" ON "warning_timers" USING btree ("due_at") WHERE fired_at IS NULL;--> statement-breakpoint
CREATE INDEX "warning_timers_recipient_idx" ON "warning_timers" USING btree ("recipient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_versions_uq" ON "warning_versions" USING btree ("warning_id","version");--> statement-breakpoint
CREATE INDEX "warnings_issued_idx" ON "warnings" USING btree ("issued_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "waterlogging_points_division_idx" ON "waterlogging_points" USING btree ("division_code" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "waterlogging_records_point_idx" ON "waterlogging_records" USING btree ("point_id","at" DESC NULLS LAST);