ALTER TABLE "inspection_plans" ADD COLUMN "rounds" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "approved_by" integer;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;