DROP INDEX "fire_alarms_zone_idx";--> statement-breakpoint
CREATE INDEX "fire_alarms_zone_idx" ON "fire_alarms" USING btree ("mask_zone_id","at") WHERE "fire_alarms"."mask_zone_id" IS NOT NULL;