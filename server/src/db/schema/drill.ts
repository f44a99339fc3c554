import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TPhaseTimes } from '@yingji/domain';
import { enterprises } from './enterprise';
import { users } from './org';
import { resourceWarehouses, shelters } from './resources';
import { ts } from './columns';

/**
 * An emergency plan (应急预案) of the city, a department, a town or an enterprise. Its drill duty is stored as the
 * rule computed it (interval from the drill-duty setting, recomputed when the setting changes) with the last drill
 * kept current in each drill's transaction, so the compliance view reads one row per plan and never scans drills.
 */
export const emergencyPlans = pgTable(
  'emergency_plans',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['city', 'department', 'town', 'enterprise'] }).notNull(),
    kind: text('kind', { enum: ['overall', 'special', 'department', 'onsite', 'key_unit'] }).notNull(),
    ownerUnit: text('owner_unit').notNull(),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    divisionCode: text('division_code').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    revisedOn: date('revised_on', { mode: 'string' }),
    reviewCycleMonths: integer('review_cycle_months').notNull().default(36),
    status: text('status', { enum: ['in_force', 'revising', 'repealed'] }).notNull(),
    workSafety: boolean('work_safety').notNull().default(false),
    highRisk: boolean('high_risk').notNull().default(false),
    accidentTypes: jsonb('accident_types').$type<string[]>().notNull().default([]),
    disasterTypes: jsonb('disaster_types').$type<string[]>().notNull().default([]),
    resources: jsonb('resources').$type<string[]>().notNull().default([]),
    intervalMonths: integer('interval_months'),
    dutyBasis: text('duty_basis'),
    lastDrillOn: date('last_drill_on', { mode: 'string' }),
    lastDrillId: integer('last_drill_id'),
    /** Last day of the duty (null: no duty, or repealed); overdue when before today. */
    nextDueOn: date('next_due_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('emergency_plans_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.id.desc().nullsFirst()),
    index('emergency_plans_due_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.nextDueOn),
    index('emergency_plans_enterprise_idx').on(t.enterpriseId),
    index('emergency_plans_next_due_idx').on(t.nextDueOn, t.id),
  ],
);

/** The plan document's versions (the file through the attachments module); a revision may name the drill behind it. */
export const emergencyPlanVersions = pgTable(
  'emergency_plan_versions',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => emergencyPlans.id),
    no: integer('no').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    revisedOn: date('revised_on', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    drillId: integer('drill_id'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('emergency_plan_versions_no_idx').on(t.planId, t.no), index('emergency_plan_versions_drill_idx').on(t.drillId)],
);

/** A drill: an item of the annual drill plan (`planned`) and, once held, its record. */
export const drills = pgTable(
  'drills',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    planId: integer('plan_id')
      .notNull()
      .references(() => emergencyPlans.id),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    divisionCode: text('division_code').notNull(),
    status: text('status', { enum: ['planned', 'done', 'cancelled'] }).notNull(),
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    heldOn: date('held_on', { mode: 'string' }),
    form: text('form', { enum: ['live', 'tabletop', 'combined'] }).notNull(),
    notice: text('notice', { enum: ['announced', 'single_blind', 'double_blind'] }).notNull(),
    organiser: text('organiser').notNull(),
    participants: jsonb('participants').$type<string[]>().notNull().default([]),
    observers: jsonb('observers').$type<string[]>().notNull().default([]),
    observerCount: integer('observer_count').notNull().default(0),
    participantCount: integer('participant_count').notNull().default(0),
    jointMilitary: boolean('joint_military').notNull().default(false),
    selfRun: boolean('self_run').notNull().default(true),
    costFen: bigint('cost_fen', { mode: 'number' }).notNull().default(0),
    phases: jsonb('phases').$type<TPhaseTimes[]>().notNull().default([]),
    photos: jsonb('photos').$type<string[]>().notNull().default([]),
    videoRefs: jsonb('video_refs').$type<string[]>().notNull().default([]),
    summary: text('summary').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('drills_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.plannedOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('drills_date_idx').on(t.plannedOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('drills_plan_idx').on(t.planId, t.heldOn),
    index('drills_enterprise_idx').on(t.enterpriseId),
  ],
);

/** A review (复盘) finding of one phase, tracked as a follow-up task to sign-off by someone other than its owner. */
export const drillTasks = pgTable(
  'drill_tasks',
  {
    id: serial('id').primaryKey(),
    drillId: integer('drill_id')
      .notNull()
      .references(() => drills.id),
    divisionCode: text('division_code').notNull(),
    phase: text('phase').notNull(),
    finding: text('finding').notNull(),
    unit: text('unit').notNull(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    state: text('state', { enum: ['open', 'done', 'signed_off'] }).notNull(),
    evidence: text('evidence'),
    evidenceFiles: jsonb('evidence_files').$type<string[]>().notNull().default([]),
    completedAt: ts('completed_at'),
    signedOffBy: integer('signed_off_by').references(() => users.id),
    signedOffAt: ts('signed_off_at'),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('drill_tasks_drill_idx').on(t.drillId),
    index('drill_tasks_owner_idx').on(t.ownerId, t.state),
    index('drill_tasks_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.state),
  ],
);

/** A training session with its participants by audience; totals are sums of these rows. */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: serial('id').primaryKey(),
    topic: text('topic').notNull(),
    kind: text('kind', { enum: ['officer', 'principal', 'sanfang', 'public'] }).notNull(),
    mode: text('mode', { enum: ['onsite', 'online'] }).notNull(),
    organiser: text('organiser').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    days: integer('days').notNull().default(1),
    divisionCode: text('division_code').notNull(),
    status: text('status', { enum: ['planned', 'done'] }).notNull(),
    officers: integer('officers').notNull().default(0),
    principals: integer('principals').notNull().default(0),
    safetyManagers: integer('safety_managers').notNull().default(0),
    sanfangStaff: integer('sanfang_staff').notNull().default(0),
    publicPeople: integer('public_people').notNull().default(0),
    passed: integer('passed'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('training_sessions_division_idx').on(
      sql`${t.divisionCode} text_pattern_ops`,
      t.heldOn.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('training_sessions_date_idx').on(t.heldOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

/** One person on a session's attendance list (签到名单), imported from a sheet. */
export const trainingAttendees = pgTable(
  'training_attendees',
  {
    id: serial('id').primaryKey(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => trainingSessions.id),
    name: text('name').notNull(),
    unit: text('unit').notNull().default(''),
    category: text('category').notNull().default(''),
    passed: boolean('passed'),
  },
  (t) => [index('training_attendees_session_idx').on(t.sessionId)],
);

/** A warehouse or a shelter a plan relies on (预案依托的物资仓库、避难场所): exactly one of the two per row. */
export const emergencyPlanResources = pgTable(
  'emergency_plan_resources',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => emergencyPlans.id),
    warehouseId: integer('warehouse_id').references(() => resourceWarehouses.id),
    shelterId: integer('shelter_id').references(() => shelters.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    check('emergency_plan_resources_one_kind', sql`(${t.warehouseId} IS NULL) <> (${t.shelterId} IS NULL)`),
    uniqueIndex('emergency_plan_resources_warehouse_idx').on(t.planId, t.warehouseId),
    uniqueIndex('emergency_plan_resources_shelter_idx').on(t.planId, t.shelterId),
    index('emergency_plan_resources_shelter_ref_idx').on(t.shelterId),
    index('emergency_plan_resources_warehouse_ref_idx').on(t.warehouseId),
  ],
);
