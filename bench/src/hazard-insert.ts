import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client';
import type { TCampaignRow } from './hazard-data';
import type { THazardTimelines } from './hazard-timeline';
import { insertRecordset } from './recordset';

/** One city's hazard rows, inserted as the server's tables hold them (campaigns first, then what refers to them). */
export async function insertHazardCity(
  db: Db,
  city: string,
  campaignCreator: number | null,
  rows: THazardTimelines & {
    campaignRows: TCampaignRow[];
    supervisionRows: Record<string, unknown>[];
    actionRows: Record<string, unknown>[];
  },
): Promise<void> {
  const { campaignRows, hazardRows, transitionRows, extensionRows, tagRows, findingLinks, supervisionRows, actionRows } = rows;
  await insertRecordset(
    db,
    campaignRows,
    (json) => sql`INSERT INTO campaigns (id, name, division_code, starts_on, ends_on, note, created_by, created_at, updated_at)
    SELECT v.id, v.name, ${city}, v."startsOn", v."endsOn", v.note, ${campaignCreator}::int, (v."startsOn" || 'T09:00:00+08:00')::timestamptz, (v."startsOn" || 'T09:00:00+08:00')::timestamptz
    FROM json_to_recordset(${json}::json) AS v(id int, name text, "startsOn" date, "endsOn" date, note text)`,
  );
  await insertRecordset(
    db,
    hazardRows,
    (
      json,
    ) => sql`INSERT INTO hazards (id, enterprise_id, division_code, source, category, level, criterion_item_id, description, location, found_on, found_by,
      responsible_person, deadline, state, plan, order_no, ordered_at, inspection_id, finding_id, supervised, submitted_by, submitted_at, closed_by, closed_at, closed_on, version, created_by, created_at, updated_at)
    SELECT v.id, v."enterpriseId", v."divisionCode", v.source, v.category, v.level, v."criterionItemId", v.description, v.location, v."foundOn", v."foundBy",
      v."responsiblePerson", v.deadline, v.state, v.plan, v."orderNo", v."orderedAt", v."inspectionId", v."findingId", v.supervised, v."submittedBy", v."submittedAt", v."closedBy", v."closedAt", v."closedOn", v.version, v."createdBy", v."createdAt", v."updatedAt"
    FROM json_to_recordset(${json}::json) AS v(id int, "enterpriseId" int, "divisionCode" text, source text, category text, level text, "criterionItemId" int, description text, location text, "foundOn" date, "foundBy" text,
      "responsiblePerson" text, deadline date, state text, plan jsonb, "orderNo" text, "orderedAt" timestamptz, "inspectionId" int, "findingId" int, supervised bool, "submittedBy" int, "submittedAt" timestamptz, "closedBy" int, "closedAt" timestamptz, "closedOn" date, version int, "createdBy" int, "createdAt" timestamptz, "updatedAt" timestamptz)`,
  );
  await insertRecordset(
    db,
    transitionRows,
    (json) => sql`INSERT INTO hazard_transitions (hazard_id, action, from_state, to_state, note, deadline, actor_id, at)
    SELECT v."hazardId", v.action, v."from", v."to", v.note, v.deadline, v.actor, v.at
    FROM json_to_recordset(${json}::json) AS v("hazardId" int, action text, "from" text, "to" text, note text, deadline date, actor int, at timestamptz)`,
  );
  await insertRecordset(
    db,
    extensionRows,
    (
      json,
    ) => sql`INSERT INTO hazard_extensions (id, hazard_id, previous_deadline, requested_deadline, reason, status, requested_by, requested_at, decided_by, decided_at, decision_note)
    SELECT v.id, v."hazardId", v."previousDeadline", v."requestedDeadline", v.reason, v.status, v."requestedBy", v."requestedAt", v."decidedBy", v."decidedAt", v."decisionNote"
    FROM json_to_recordset(${json}::json) AS v(id int, "hazardId" int, "previousDeadline" date, "requestedDeadline" date, reason text, status text, "requestedBy" int, "requestedAt" timestamptz, "decidedBy" int, "decidedAt" timestamptz, "decisionNote" text)`,
  );
  await insertRecordset(
    db,
    tagRows,
    (json) => sql`INSERT INTO hazard_campaigns (hazard_id, campaign_id)
    SELECT v."hazardId", v."campaignId" FROM json_to_recordset(${json}::json) AS v("hazardId" int, "campaignId" int)`,
  );
  await insertRecordset(
    db,
    findingLinks,
    (json) => sql`UPDATE findings f SET hazard_id = v."hazardId"
    FROM json_to_recordset(${json}::json) AS v("findingId" int, "hazardId" int) WHERE f.id = v."findingId"`,
  );
  await insertRecordset(
    db,
    supervisionRows,
    (
      json,
    ) => sql`INSERT INTO supervisions (id, target, hazard_id, division_code, supervising_body, leader_name, deadline, reason, status, lifted_by, lifted_at, lift_note, created_by, created_at, updated_at)
    SELECT v.id, v.target, v."hazardId", v."divisionCode", v."supervisingBody", v."leaderName", v.deadline, v.reason, v.status, v."liftedBy", v."liftedAt", v."liftNote", v."createdBy", v."createdAt", coalesce(v."liftedAt", v."createdAt")
    FROM json_to_recordset(${json}::json) AS v(id int, target text, "hazardId" int, "divisionCode" text, "supervisingBody" text, "leaderName" text, deadline date, reason text, status text, "liftedBy" int, "liftedAt" timestamptz, "liftNote" text, "createdBy" int, "createdAt" timestamptz)`,
  );
  await insertRecordset(
    db,
    actionRows,
    (json) => sql`INSERT INTO supervision_actions (id, supervision_id, kind, "on", note, passed, review_due_on, request_id, actor_id, at)
    SELECT v.id, v."supervisionId", v.kind, v."on", v.note, v.passed, v."reviewDueOn", v."requestId", v.actor, v.at
    FROM json_to_recordset(${json}::json) AS v(id int, "supervisionId" int, kind text, "on" date, note text, passed bool, "reviewDueOn" date, "requestId" int, actor int, at timestamptz)`,
  );
}
