CREATE TABLE "rollup_city_counts" (
	"subject" text NOT NULL,
	"division_code" text NOT NULL,
	"month" text NOT NULL,
	"state" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"due_month" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "rollup_city_counts_pk" PRIMARY KEY("subject","division_code","month","state","kind","category","due_month")
);
--> statement-breakpoint
CREATE TABLE "rollup_count_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rollup_count_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"subject" text NOT NULL,
	"division_code" text NOT NULL,
	"month" text NOT NULL,
	"state" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"due_month" text NOT NULL,
	"n" integer NOT NULL
);
