import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { enterprises } from './enterprise';
import { users } from './org';
import { ts } from './columns';

/** Inspection items (检查事项清单): what is checked and the legal basis; major-hazard criteria are flagged. */
export const inspectionItems = pgTable(
  'inspection_items',
  {
    id: serial('id').primaryKey(),
    /** Stable code, e.g. `SAFL-97-1` or `GM-DUST-3`; shipped items keep theirs across releases. */
    code: text('code').notNull(),
    title: text('title').notNull(),
    /** What the inspector looks at (检查内容/方法). */
    content: text('content').notNull(),
    legalBasis: text('legal_basis').notNull(),
    /** The standard this item belongs to (e.g. 工贸企业重大事故隐患判定标准), null for general items. */
    standard: text('standard'),
    groupName: text('group_name').notNull(),
    /** Supervision categories it applies to; empty means every category. */
    categories: text('categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Special tags it applies to (粉尘涉爆 …); empty means no tag restriction. */
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Non-compliance with this item is a major hazard (重大事故隐患判定标准). */
    majorHazard: boolean('major_hazard').notNull().default(false),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('inspection_items_code_uq').on(t.code)],
);

/** A checklist (检查表) for one supervision category or tag, made of items. */
export const checklists = pgTable('checklists', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  supervisionCategory: text('supervision_category'),
  tag: text('tag'),
  active: boolean('active').notNull().default(true),
  updatedAt: ts('updated_at').notNull(),
});

export const checklistItems = pgTable(
  'checklist_items',
  {
    checklistId: integer('checklist_id')
      .notNull()
      .references(() => checklists.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => inspectionItems.id),
    sort: integer('sort').notNull(),
  },
  (t) => [primaryKey({ name: 'checklist_items_pk', columns: [t.checklistId, t.itemId] })],
);

/** The inspector pool (执法检查人员名录): officers with an enforcement certificate. */
export const inspectors = pgTable(
  'inspectors',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id),
    divisionCode: text('division_code').notNull(),
    certificateNo: text('certificate_no').notNull(),
    certificateExpiresOn: date('certificate_expires_on', { mode: 'string' }).notNull(),
    active: boolean('active').notNull().default(true),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('inspectors_division_idx').on(sql`${t.divisionCode} text_pattern_ops`),
    uniqueIndex('inspectors_certificate_uq').on(t.certificateNo),
  ],
);

/** Declared conflicts of interest: the inspector is never drawn for that firm (回避, 行政处罚法 art. 43). */
export const inspectorConflicts = pgTable(
  'inspector_conflicts',
  {
    inspectorId: integer('inspector_id')
      .notNull()
      .references(() => inspectors.userId),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    reason: text('reason').notNull(),
    declaredAt: ts('declared_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'inspector_conflicts_pk', columns: [t.inspectorId, t.enterpriseId] }),
    index('inspector_conflicts_ent_idx').on(t.enterpriseId),
  ],
);

export interface TPlanPool {
  categories: string[];
  tags: string[];
  towns: string[];
  /** Grades to include; 'none' for firms without a grade. */
  colours: string[];
}

/** An annual inspection plan (年度监督检查计划) of one issuing body (the bureau or a town). */
export const inspectionPlans = pgTable(
  'inspection_plans',
  {
    id: serial('id').primaryKey(),
    /** The issuing body's division: the city for the bureau, a town's code for a town. */
    divisionCode: text('division_code').notNull(),
    year: smallint('year').notNull(),
    title: text('title').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    focus: text('focus').notNull(),
    pool: jsonb('pool').$type<TPlanPool>().notNull(),
    /** Share of each grade's firms to draw (0–1), by colour and 'none'. */
    ratios: jsonb('ratios').$type<Record<string, number>>().notNull(),
    inspectorsPerTarget: smallint('inspectors_per_target').notNull().default(2),
    /** Draw rounds in the year (抽查轮次): checks per firm per year = share drawn × rounds. */
    rounds: smallint('rounds').notNull().default(1),
    status: text('status', { enum: ['draft', 'approved', 'closed'] }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    /** Approved by someone other than the author (四眼原则). */
    approvedBy: integer('approved_by').references(() => users.id),
    approvedAt: ts('approved_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('inspection_plans_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.year)],
);

/**
 * A double-random draw (双随机抽取). Committed first (SHA-256 of a secret seed, with the frozen candidate and
 * inspector lists and their hashes), revealed after: anyone can rerun the draw from seed and lists.
 */
export const draws = pgTable(
  'draws',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => inspectionPlans.id),
    divisionCode: text('division_code').notNull(),
    label: text('label').notNull(),
    status: text('status', { enum: ['committed', 'drawn', 'superseded'] }).notNull(),
    commitment: text('commitment').notNull(),
    /** Secret until the draw is run; then public. */
    seed: text('seed').notNull(),
    /** Frozen inputs, exactly as the draw function reads them. */
    candidates: jsonb('candidates').notNull(),
    inspectorPool: jsonb('inspector_pool').notNull(),
    params: jsonb('params').notNull(),
    candidatesHash: text('candidates_hash').notNull(),
    inspectorsHash: text('inspectors_hash').notNull(),
    committedAt: ts('committed_at').notNull(),
    drawnAt: ts('drawn_at'),
    publishedAt: ts('published_at'),
    /** The check must be done and its result published by then (setting, default 20 days after the check). */
    redrawOf: integer('redraw_of'),
    redrawReason: text('redraw_reason'),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [index('draws_plan_idx').on(t.planId), index('draws_published_idx').on(t.publishedAt)],
);

/** One drawn target of a draw with its drawn inspectors; linked to the inspection once it is recorded. */
export const drawTargets = pgTable(
  'draw_targets',
  {
    id: serial('id').primaryKey(),
    drawId: integer('draw_id')
      .notNull()
      .references(() => draws.id),
    position: integer('position').notNull(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    divisionCode: text('division_code').notNull(),
    stratum: text('stratum').notNull(),
    inspectorIds: integer('inspector_ids').array().notNull(),
    inspectionId: integer('inspection_id'),
  },
  (t) => [
    uniqueIndex('draw_targets_draw_pos_uq').on(t.drawId, t.position),
    index('draw_targets_ent_idx').on(t.enterpriseId),
    index('draw_targets_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.drawId),
  ],
);

/** An inspection record (监督检查记录): planned (from a draw), ad hoc, or unannounced (四不两直). */
export const inspections = pgTable(
  'inspections',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The firm's town at the time of the check. */
    divisionCode: text('division_code').notNull(),
    cityCode: text('city_code')
      .notNull()
      .generatedAlwaysAs(sql`left(division_code, 4)`),
    kind: text('kind', { enum: ['planned', 'ad_hoc', 'unannounced'] }).notNull(),
    drawTargetId: integer('draw_target_id').references(() => drawTargets.id),
    planId: integer('plan_id').references(() => inspectionPlans.id),
    /** The firm's grade when checked, so progress by grade does not move when grades change later. */
    colour: text('colour'),
    checklistId: integer('checklist_id').references(() => checklists.id),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    conclusion: text('conclusion'),
    /** SHA-256 of the firm representative's signature image (attachments). */
    signatureSha256: text('signature_sha256'),
    representativeName: text('representative_name'),
    status: text('status', { enum: ['draft', 'submitted'] }).notNull(),
    findingsCount: integer('findings_count').notNull().default(0),
    publishedAt: ts('published_at'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('inspections_division_idx').on(
      sql`${t.divisionCode} text_pattern_ops`,
      t.inspectedOn.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('inspections_city_idx').on(t.cityCode, t.inspectedOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('inspections_ent_idx').on(t.enterpriseId, t.inspectedOn.desc().nullsFirst()),
    index('inspections_plan_idx').on(t.planId),
    // A province's list walks this in order; edge days of a date filter are counted from it.
    index('inspections_date_idx').on(t.inspectedOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // 四不两直 (1 % of checks) and planned checks of a city, in list order, without walking past the others.
    index('inspections_kind_idx').on(t.kind, t.cityCode, t.inspectedOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('inspections_draft_idx')
      .on(sql`${t.divisionCode} text_pattern_ops`)
      .where(sql`status = 'draft'`),
    // Submitted results not yet published (一公开), by town or city and date: the workbench's publication-overdue card
    // counts its last month here (the months before from the roll-ups).
    index('inspections_unpublished_idx')
      .on(sql`${t.divisionCode} text_pattern_ops`, t.inspectedOn)
      .where(sql`status = 'submitted' AND published_at IS NULL`),
    index('inspections_unpublished_city_idx')
      .on(t.cityCode, t.inspectedOn)
      .where(sql`status = 'submitted' AND published_at IS NULL`),
    uniqueIndex('inspections_target_uq').on(t.drawTargetId),
  ],
);

/** The inspectors of one inspection, with the certificate numbers they showed (at least two, 行政处罚法 art. 42). */
export const inspectionInspectors = pgTable(
  'inspection_inspectors',
  {
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    certificateNo: text('certificate_no').notNull(),
  },
  (t) => [
    primaryKey({ name: 'inspection_inspectors_pk', columns: [t.inspectionId, t.userId] }),
    index('inspection_inspectors_user_idx').on(t.userId),
  ],
);

/** The checklist answered item by item. */
export const inspectionAnswers = pgTable(
  'inspection_answers',
  {
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => inspectionItems.id),
    result: text('result', { enum: ['compliant', 'non_compliant', 'not_applicable'] }).notNull(),
    note: text('note'),
    photos: text('photos')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ name: 'inspection_answers_pk', columns: [t.inspectionId, t.itemId] })],
);

/** A non-compliant item found in an inspection; the hazard module turns findings into hazards. */
export const findings = pgTable(
  'findings',
  {
    id: serial('id').primaryKey(),
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    divisionCode: text('division_code').notNull(),
    cityCode: text('city_code')
      .notNull()
      .generatedAlwaysAs(sql`left(division_code, 4)`),
    itemId: integer('item_id').references(() => inspectionItems.id),
    description: text('description').notNull(),
    majorHazard: boolean('major_hazard').notNull(),
    photos: text('photos')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    /** Set when the hazard module takes the finding over. */
    hazardId: integer('hazard_id'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('findings_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.foundOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('findings_city_idx').on(t.cityCode, t.foundOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('findings_date_idx').on(t.foundOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('findings_inspection_idx').on(t.inspectionId),
    index('findings_ent_idx').on(t.enterpriseId),
    // the findings still waiting for the hazard module (few): the banner counts them here, the converted by the counters
    index('findings_pending_idx')
      .on(sql`${t.divisionCode} text_pattern_ops`, t.foundOn)
      .where(sql`${t.hazardId} IS NULL`),
  ],
);

/** Uploaded files (photos, signatures, evidence), stored on disk by SHA-256; the row says what it is. */
export const attachments = pgTable('attachments', {
  sha256: text('sha256').primaryKey(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  fileName: text('file_name').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull(),
});

/**
 * Who may read an attachment: its uploaders (`upload`, owner_id = user id) and the records that reference it
 * (`hazard`, `supervision`, `inspection`, `case`: owner_id = that record's id). Reads are denied without one.
 */
export const attachmentRefs = pgTable(
  'attachment_refs',
  {
    sha256: text('sha256')
      .notNull()
      .references(() => attachments.sha256),
    owner: text('owner', {
      enum: [
        'upload',
        'hazard',
        'supervision',
        'inspection',
        'case',
        'emergency_plan',
        'drill',
        'finding',
        'loan',
        'flood_check',
        'warning',
        'consultation',
      ],
    }).notNull(),
    ownerId: integer('owner_id').notNull(),
  },
  (t) => [primaryKey({ name: 'attachment_refs_pk', columns: [t.sha256, t.owner, t.ownerId] })],
);
