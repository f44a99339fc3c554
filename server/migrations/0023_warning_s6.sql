ALTER TABLE "consultations" ADD COLUMN "attachments" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "response_levels" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "waterlogging_points" ADD COLUMN "warehouse_id" integer;