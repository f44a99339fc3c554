ALTER TABLE "cases" ADD COLUMN "payment_plan" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "demand_served_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "demand_comply_by" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "enforcement_due_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "enforcement_applied_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "enforcement_court" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "daily_fine" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closure_ground" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closure_alerted_at" timestamp with time zone;