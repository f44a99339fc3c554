ALTER TABLE "fire_incidents" ADD COLUMN "change_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "fire_incidents_change_idx" ON "fire_incidents" USING btree ("change_seq");