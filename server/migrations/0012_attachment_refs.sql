CREATE TABLE "attachment_refs" (
	"sha256" text NOT NULL,
	"owner" text NOT NULL,
	"owner_id" integer NOT NULL,
	CONSTRAINT "attachment_refs_pk" PRIMARY KEY("sha256","owner","owner_id")
);
--> statement-breakpoint
ALTER TABLE "attachment_refs" ADD CONSTRAINT "attachment_refs_sha256_attachments_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."attachments"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Backfill: every first uploader, and every record that already references an attachment, keeps reading it.
INSERT INTO "attachment_refs" ("sha256", "owner", "owner_id")
  SELECT "sha256", 'upload', "created_by" FROM "attachments" WHERE "created_by" IS NOT NULL
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "attachment_refs" ("sha256", "owner", "owner_id")
  SELECT DISTINCT a."sha256", 'hazard', r."hazard_id"
  FROM (
    SELECT h."id" AS "hazard_id", unnest(h."photos") AS "sha256" FROM "hazards" h
    UNION ALL SELECT t."hazard_id", unnest(t."photos" || t."documents") FROM "hazard_transitions" t
  ) r JOIN "attachments" a ON a."sha256" = r."sha256"
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "attachment_refs" ("sha256", "owner", "owner_id")
  SELECT DISTINCT a."sha256", 'supervision', r."supervision_id"
  FROM (SELECT s."supervision_id", unnest(s."documents") AS "sha256" FROM "supervision_actions" s) r
  JOIN "attachments" a ON a."sha256" = r."sha256"
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "attachment_refs" ("sha256", "owner", "owner_id")
  SELECT DISTINCT a."sha256", 'inspection', r."inspection_id"
  FROM (
    SELECT i."inspection_id", unnest(i."photos") AS "sha256" FROM "inspection_answers" i
    UNION ALL SELECT f."inspection_id", unnest(f."photos") FROM "findings" f
    UNION ALL SELECT s."id", s."signature_sha256" FROM "inspections" s WHERE s."signature_sha256" IS NOT NULL
  ) r JOIN "attachments" a ON a."sha256" = r."sha256"
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "attachment_refs" ("sha256", "owner", "owner_id")
  SELECT DISTINCT e."sha256", 'case', e."case_id" FROM "case_evidence" e
  ON CONFLICT DO NOTHING;
