CREATE TABLE "rollup_counts" (
	"subject" text NOT NULL,
	"division_code" text NOT NULL,
	"month" text NOT NULL,
	"state" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"due_month" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "rollup_counts_pk" PRIMARY KEY("subject","division_code","month","state","kind","category","due_month")
);
--> statement-breakpoint
CREATE INDEX "rollup_counts_month_idx" ON "rollup_counts" USING btree ("subject","month","division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "rollup_counts_state_idx" ON "rollup_counts" USING btree ("subject","state","division_code" text_pattern_ops);