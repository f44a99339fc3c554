import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { THazardPlan } from '@yingji/domain';
import { enterprises } from './enterprise';
import { findings, inspectionItems, inspections } from './inspection';
import { users } from './org';
import { ts } from './columns';

/** 专项行动 (隐患排查治理年, 燃气安全整治, 打非治违 …): a tag with a period, set by the bureau or a town. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    divisionCode: text('division_code').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('campaigns_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.startsOn)],
);

/** A hidden hazard (事故隐患) and where it is in the closed loop. "Overdue" is never stored: it is the deadline against today. */
export const hazards = pgTable(
  'hazards',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The firm's town when the hazard was found. */
    divisionCode: text('division_code').notNull(),
    cityCode: text('city_code')
      .notNull()
      .generatedAlwaysAs(sql`left(division_code, 4)`),
    source: text('source', { enum: ['inspection', 'self_check', 'complaint', 'campaign', 'accident_investigation'] }).notNull(),
    category: text('category').notNull(),
    level: text('level', { enum: ['general', 'major'] }).notNull(),
    /** The major-hazard criterion (重大事故隐患判定标准 item) that makes it major. */
    criterionItemId: integer('criterion_item_id').references(() => inspectionItems.id),
    description: text('description').notNull(),
    location: text('location').notNull(),
    photos: text('photos')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    foundBy: text('found_by').notNull(),
    responsiblePerson: text('responsible_person').notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    state: text('state', { enum: ['found', 'ordered', 'rectifying', 'submitted', 'closed'] }).notNull(),
    /** 五到位 rectification plan (major hazards). */
    plan: jsonb('plan').$type<THazardPlan>(),
    /** The 责令限期整改指令书 number, once ordered. */
    orderNo: text('order_no'),
    orderedAt: ts('ordered_at'),
    inspectionId: integer('inspection_id').references(() => inspections.id),
    findingId: integer('finding_id').references(() => findings.id),
    /** Under an active 挂牌督办 (kept by the supervision service). */
    supervised: boolean('supervised').notNull().default(false),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: ts('submitted_at'),
    closedBy: integer('closed_by').references(() => users.id),
    closedAt: ts('closed_at'),
    /** The bureau's calendar day of the sign-off (销号), for "closed this period". */
    closedOn: date('closed_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('hazards_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.foundOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('hazards_city_idx').on(t.cityCode, t.foundOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('hazards_date_idx').on(t.foundOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('hazards_ent_idx').on(t.enterpriseId, t.foundOn.desc().nullsFirst()),
    index('hazards_inspection_idx').on(t.inspectionId),
    uniqueIndex('hazards_finding_uq').on(t.findingId),
    // Open hazards are a few per cent of the rows: the dashboards and the overdue list read only these.
    index('hazards_open_idx')
      .on(sql`${t.divisionCode} text_pattern_ops`, t.deadline)
      .where(sql`state <> 'closed'`),
    index('hazards_open_city_idx')
      .on(t.cityCode, t.deadline)
      .where(sql`state <> 'closed'`),
    // A firm's open hazards: the deregistration guard's obligations (the workbench's alert count) read only these.
    index('hazards_open_ent_idx')
      .on(t.enterpriseId)
      .where(sql`state <> 'closed'`),
    index('hazards_closed_idx')
      .on(t.cityCode, t.closedOn)
      .where(sql`closed_on IS NOT NULL`),
    index('hazards_major_idx')
      .on(t.cityCode, t.foundOn)
      .where(sql`level = 'major'`),
    // Hazards waiting on the firm (found, ordered, rectifying), in list order with their deadline and town: the overdue
    // list's page and count read only this index (a province's overdue count walked every open row's heap: 22,000 pages).
    index('hazards_waiting_idx')
      .on(t.foundOn.desc().nullsFirst(), t.id.desc().nullsFirst(), t.deadline, t.divisionCode)
      .where(sql`state IN ('found', 'ordered', 'rectifying')`),
    // Open major hazards are a few dozen per city: the map, the clearing view and the major-open list read these.
    index('hazards_open_major_idx')
      .on(t.cityCode, t.deadline)
      .where(sql`state <> 'closed' AND level = 'major'`),
  ],
);

export const hazardCampaigns = pgTable(
  'hazard_campaigns',
  {
    hazardId: integer('hazard_id')
      .notNull()
      .references(() => hazards.id),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
  },
  (t) => [
    primaryKey({ name: 'hazard_campaigns_pk', columns: [t.hazardId, t.campaignId] }),
    index('hazard_campaigns_campaign_idx').on(t.campaignId),
  ],
);

/** The hazard's timeline: every transition with who, when, the note, the deadline set and the evidence. */
export const hazardTransitions = pgTable(
  'hazard_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    hazardId: integer('hazard_id')
      .notNull()
      .references(() => hazards.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    note: text('note'),
    deadline: date('deadline', { mode: 'string' }),
    photos: text('photos')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    documents: text('documents')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    actorId: integer('actor_id').references(() => users.id),
    at: ts('at').notNull(),
  },
  (t) => [index('hazard_transitions_hazard_idx').on(t.hazardId, t.id)],
);

/** A request to move the deadline; approved by someone other than the requester. */
export const hazardExtensions = pgTable(
  'hazard_extensions',
  {
    id: serial('id').primaryKey(),
    hazardId: integer('hazard_id')
      .notNull()
      .references(() => hazards.id),
    previousDeadline: date('previous_deadline', { mode: 'string' }).notNull(),
    requestedDeadline: date('requested_deadline', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    requestedBy: integer('requested_by').references(() => users.id),
    requestedAt: ts('requested_at').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('hazard_extensions_hazard_idx').on(t.hazardId),
    uniqueIndex('hazard_extensions_pending_uq')
      .on(t.hazardId)
      .where(sql`status = 'pending'`),
  ],
);

/** 挂牌督办 of a major hazard or of a town. */
export const supervisions = pgTable(
  'supervisions',
  {
    id: serial('id').primaryKey(),
    target: text('target', { enum: ['hazard', 'town'] }).notNull(),
    hazardId: integer('hazard_id').references(() => hazards.id),
    /** The hazard's town, or the town listed. */
    divisionCode: text('division_code').notNull(),
    supervisingBody: text('supervising_body').notNull(),
    leaderName: text('leader_name').notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['active', 'lifted'] }).notNull(),
    liftedBy: integer('lifted_by').references(() => users.id),
    liftedAt: ts('lifted_at'),
    liftNote: text('lift_note'),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('supervisions_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.status, t.id.desc().nullsFirst()),
    index('supervisions_hazard_idx').on(t.hazardId),
    // One active listing per hazard and per town: a second one would split the record of the same supervision.
    uniqueIndex('supervisions_active_hazard_uq')
      .on(t.hazardId)
      .where(sql`status = 'active' AND target = 'hazard'`),
    uniqueIndex('supervisions_active_town_uq')
      .on(t.divisionCode)
      .where(sql`status = 'active' AND target = 'town'`),
  ],
);

/** 约谈, 提醒函, 复产申请 and its on-site review, recorded against a supervision. */
export const supervisionActions = pgTable(
  'supervision_actions',
  {
    id: serial('id').primaryKey(),
    supervisionId: integer('supervision_id')
      .notNull()
      .references(() => supervisions.id),
    kind: text('kind', { enum: ['interview', 'reminder_letter', 'resumption_request', 'resumption_review'] }).notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    passed: boolean('passed'),
    /** A resumption request: when its on-site review is due (setting hazard.resumptionReviewDays). */
    reviewDueOn: date('review_due_on', { mode: 'string' }),
    /** A review: the request it answers. */
    requestId: integer('request_id'),
    documents: text('documents')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    actorId: integer('actor_id').references(() => users.id),
    at: ts('at').notNull(),
  },
  (t) => [index('supervision_actions_supervision_idx').on(t.supervisionId, t.id)],
);

/**
 * The 责令限期整改指令书 numbers (中应急责改〔2026〕12号): one counter per prefix (the issuer's 机关代字 + 责改, kept in
 * `issuer_code`) and year, taken under the row lock of an upsert inside the order's transaction, so numbers run without
 * gaps (a rolled-back order gives its back) and two bodies never share a number.
 */
export const hazardOrderSequences = pgTable(
  'hazard_order_sequences',
  {
    issuerCode: text('issuer_code').notNull(),
    year: integer('year').notNull(),
    lastNo: integer('last_no').notNull(),
  },
  (t) => [primaryKey({ name: 'hazard_order_sequences_pk', columns: [t.issuerCode, t.year] })],
);
