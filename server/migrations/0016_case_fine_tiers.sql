ALTER TABLE "case_discretion_bands" ADD COLUMN "tier" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_penalties" ADD COLUMN "tier" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_penalties" ADD COLUMN "statutory_min_fen" bigint;--> statement-breakpoint
ALTER TABLE "case_penalties" ADD COLUMN "statutory_max_fen" bigint;--> statement-breakpoint
ALTER TABLE "case_penalties" ADD COLUMN "reduction_ground" text;--> statement-breakpoint
ALTER TABLE "case_violations" ADD COLUMN "tier2" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "order_no" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "ordered_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "order_deadline" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "rechecked_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "recheck_unmet" boolean;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "recheck_note" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "accident_grade" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "accident_aggravated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "no_penalty_ground" text;--> statement-breakpoint
ALTER TABLE "case_discretion_bands" DROP CONSTRAINT "case_discretion_bands_pk";
--> statement-breakpoint
ALTER TABLE "case_discretion_bands" ADD CONSTRAINT "case_discretion_bands_pk" PRIMARY KEY("violation_id","tier","target","circumstance");