CREATE TABLE "hazard_order_sequences" (
	"issuer_code" text NOT NULL,
	"year" integer NOT NULL,
	"last_no" integer NOT NULL,
	CONSTRAINT "hazard_order_sequences_pk" PRIMARY KEY("issuer_code","year")
);
