CREATE TABLE "flood_check_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"division_code" text NOT NULL,
	"village_code" text DEFAULT '' NOT NULL,
	"item_code" text NOT NULL,
	"present" boolean NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"department" text NOT NULL,
	"checked_on" date NOT NULL,
	"checked_by" integer NOT NULL,
	"fixed_on" date,
	"fix_note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flood_check_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"season" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"departments" jsonb NOT NULL,
	"town_items" jsonb NOT NULL,
	"village_items" jsonb NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "flood_check_results" ADD CONSTRAINT "flood_check_results_round_id_flood_check_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."flood_check_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flood_check_results" ADD CONSTRAINT "flood_check_results_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flood_check_rounds" ADD CONSTRAINT "flood_check_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "flood_check_results_uq" ON "flood_check_results" USING btree ("round_id","division_code","village_code","item_code");