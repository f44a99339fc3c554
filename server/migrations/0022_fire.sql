CREATE TABLE "fire_alarms" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"channel_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"bearing_deg" double precision,
	"box" jsonb,
	"reported_longitude" double precision,
	"reported_latitude" double precision,
	"distance_m" double precision,
	"confidence" double precision,
	"image_ref" text,
	"longitude" double precision NOT NULL,
	"latitude" double precision NOT NULL,
	"corrected_bearing_deg" double precision,
	"mask_zone_id" integer,
	"incident_id" integer,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fire_api_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"channel_ids" integer[] NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" integer,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fire_calibrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel_id" integer NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"bearing_offset_deg" double precision NOT NULL,
	"distance_offset_m" double precision NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fire_channels" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"division_code" text NOT NULL,
	"heading_deg" double precision NOT NULL,
	"fov_deg" double precision NOT NULL,
	"range_m" double precision NOT NULL,
	"bearing_offset_deg" double precision DEFAULT 0 NOT NULL,
	"distance_offset_m" double precision DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"last_heartbeat_at" timestamp with time zone,
	"last_power" text,
	"last_network" text,
	"last_camera" text,
	"alert_kind" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fire_device_alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"kind" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fire_incidents" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"status" text NOT NULL,
	"longitude" double precision NOT NULL,
	"latitude" double precision NOT NULL,
	"uncertainty_m" double precision NOT NULL,
	"method" text NOT NULL,
	"anchor_channel_id" integer NOT NULL,
	"anchor_longitude" double precision NOT NULL,
	"anchor_latitude" double precision NOT NULL,
	"anchor_bearing_deg" double precision,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"alarm_count" integer NOT NULL,
	"channel_ids" integer[] NOT NULL,
	"max_confidence" double precision,
	"opened_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" integer,
	"escalated_at" timestamp with time zone,
	"escalated_to" text,
	"verified_at" timestamp with time zone,
	"verified_by" integer,
	"false_label" text,
	"verify_note" text,
	"dispatched_at" timestamp with time zone,
	"dispatched_by" integer,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"outcome" text,
	"accident_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fire_maintenance" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" integer NOT NULL,
	"channel_id" integer,
	"division_code" text NOT NULL,
	"kind" text NOT NULL,
	"done_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fire_mask_zones" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"polygons" jsonb NOT NULL,
	"source" text NOT NULL,
	"active" integer DEFAULT 1 NOT NULL,
	"suppressed_count" bigint DEFAULT 0 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fire_notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "fire_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fire_sites" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"division_code" text NOT NULL,
	"longitude" double precision NOT NULL,
	"latitude" double precision NOT NULL,
	"height_m" double precision DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fire_api_keys" ADD CONSTRAINT "fire_api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_api_keys" ADD CONSTRAINT "fire_api_keys_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_calibrations" ADD CONSTRAINT "fire_calibrations_channel_id_fire_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."fire_channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_calibrations" ADD CONSTRAINT "fire_calibrations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_channels" ADD CONSTRAINT "fire_channels_site_id_fire_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."fire_sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_device_alerts" ADD CONSTRAINT "fire_device_alerts_channel_id_fire_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."fire_channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_incidents" ADD CONSTRAINT "fire_incidents_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_incidents" ADD CONSTRAINT "fire_incidents_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_incidents" ADD CONSTRAINT "fire_incidents_dispatched_by_users_id_fk" FOREIGN KEY ("dispatched_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_incidents" ADD CONSTRAINT "fire_incidents_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_maintenance" ADD CONSTRAINT "fire_maintenance_site_id_fire_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."fire_sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_maintenance" ADD CONSTRAINT "fire_maintenance_channel_id_fire_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."fire_channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_maintenance" ADD CONSTRAINT "fire_maintenance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_mask_zones" ADD CONSTRAINT "fire_mask_zones_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_notifications" ADD CONSTRAINT "fire_notifications_incident_id_fire_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."fire_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_notifications" ADD CONSTRAINT "fire_notifications_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fire_alarms_external_idx" ON "fire_alarms" USING btree ("platform","external_id");--> statement-breakpoint
CREATE INDEX "fire_alarms_incident_idx" ON "fire_alarms" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "fire_alarms_zone_idx" ON "fire_alarms" USING btree ("mask_zone_id","at");--> statement-breakpoint
CREATE INDEX "fire_alarms_channel_idx" ON "fire_alarms" USING btree ("channel_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "fire_api_keys_hash_idx" ON "fire_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "fire_calibrations_channel_idx" ON "fire_calibrations" USING btree ("channel_id","effective_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fire_channels_code_idx" ON "fire_channels" USING btree ("code");--> statement-breakpoint
CREATE INDEX "fire_channels_site_idx" ON "fire_channels" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "fire_device_alerts_channel_idx" ON "fire_device_alerts" USING btree ("channel_id","opened_at");--> statement-breakpoint
CREATE INDEX "fire_device_alerts_open_idx" ON "fire_device_alerts" USING btree ("channel_id") WHERE "fire_device_alerts"."cleared_at" IS NULL;--> statement-breakpoint
CREATE INDEX "fire_incidents_division_idx" ON "fire_incidents" USING btree ("division_code" text_pattern_ops,"last_seen_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "fire_incidents_recent_idx" ON "fire_incidents" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "fire_incidents_updated_idx" ON "fire_incidents" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "fire_incidents_unacked_idx" ON "fire_incidents" USING btree ("opened_at") WHERE "fire_incidents"."acknowledged_at" IS NULL AND "fire_incidents"."escalated_at" IS NULL AND "fire_incidents"."status" = 'new';--> statement-breakpoint
CREATE INDEX "fire_maintenance_site_idx" ON "fire_maintenance" USING btree ("site_id","done_on");--> statement-breakpoint
CREATE INDEX "fire_notifications_incident_idx" ON "fire_notifications" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "fire_outbox_due_idx" ON "fire_outbox" USING btree ("next_attempt_at") WHERE "fire_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "fire_outbox_status_idx" ON "fire_outbox" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "fire_sites_code_idx" ON "fire_sites" USING btree ("code");--> statement-breakpoint
CREATE INDEX "fire_sites_division_idx" ON "fire_sites" USING btree ("division_code" text_pattern_ops);