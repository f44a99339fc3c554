ALTER TABLE "waterlogging_records" ADD COLUMN "duration_minutes" integer;--> statement-breakpoint
ALTER TABLE "waterlogging_records" ADD COLUMN "roads_closed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "waterlogging_records" ADD COLUMN "people_moved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "waterlogging_records_warning_idx" ON "waterlogging_records" USING btree ("warning_id","at") WHERE warning_id IS NOT NULL;