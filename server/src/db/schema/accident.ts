import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, serial, text } from 'drizzle-orm/pg-core';
import type { TReportStep } from '@yingji/domain';
import { enterprises } from './enterprise';
import { users } from './org';
import { ts } from './columns';

/** Money in fen (分), bigint, read as numbers. */
const fen = (name: string) => bigint(name, { mode: 'number' });

/** A responsible party named by the investigation report, with the penalty it recommends. */
export interface TResponsibleParty {
  party: string;
  finding: string;
  recommendedPenalty: string;
}

/**
 * A work-safety accident (生产安全事故) or another emergency (突发事件) in the duty room's one inbox. The grade and the
 * clocks are derived: the grade is stored as the rule computed it at the last casualty change, the clocks are
 * computed on read; `pending_*` mirror the level still holding the report so the workbench can count by index.
 */
export const accidents = pgTable(
  'accidents',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['accident', 'emergency'] }).notNull(),
    title: text('title').notNull(),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    partyName: text('party_name'),
    divisionCode: text('division_code').notNull(),
    cityCode: text('city_code')
      .notNull()
      .generatedAlwaysAs(sql`left(division_code, 4)`),
    industry: text('industry'),
    supervisionCategory: text('supervision_category'),
    accidentType: text('accident_type'),
    emergencyType: text('emergency_type'),
    place: text('place').notNull(),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    occurredAt: ts('occurred_at').notNull(),
    /** The bureau's calendar day of the accident, for periods and windows. */
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    knownAt: ts('known_at').notNull(),
    summary: text('summary').notNull(),
    measures: text('measures').notNull().default(''),
    deaths: integer('deaths').notNull().default(0),
    missing: integer('missing').notNull().default(0),
    seriousInjuries: integer('serious_injuries').notNull().default(0),
    minorInjuries: integer('minor_injuries').notNull().default(0),
    lossFen: fen('loss_fen').notNull().default(0),
    affectedPeople: integer('affected_people'),
    evacuated: integer('evacuated'),
    housesDamaged: integer('houses_damaged'),
    /** null for an emergency that is not a work-safety accident. */
    grade: text('grade', { enum: ['general', 'larger', 'major', 'especially_major'] }),
    chain: jsonb('chain').$type<TReportStep[]>().notNull().default([]),
    pendingLevel: text('pending_level'),
    pendingDueAt: ts('pending_due_at'),
    followUpLastDay: date('follow_up_last_day', { mode: 'string' }).notNull(),
    followUpCount: integer('follow_up_count').notNull().default(0),
    investigationLeadUnit: text('investigation_lead_unit'),
    investigationStartedOn: date('investigation_started_on', { mode: 'string' }),
    investigationReportDueOn: date('investigation_report_due_on', { mode: 'string' }),
    investigationExtensionDays: integer('investigation_extension_days'),
    investigationExtensionReason: text('investigation_extension_reason'),
    investigationReportSubmittedOn: date('investigation_report_submitted_on', { mode: 'string' }),
    investigationParties: jsonb('investigation_parties').$type<TResponsibleParty[]>(),
    investigationRepliedOn: date('investigation_replied_on', { mode: 'string' }),
    closed: boolean('closed').notNull().default(false),
    closedAt: ts('closed_at'),
    closedNote: text('closed_note'),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('accidents_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.occurredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('accidents_city_idx').on(t.cityCode, t.occurredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('accidents_occurred_on_idx').on(t.cityCode, t.occurredOn),
    index('accidents_pending_idx')
      .on(t.cityCode, t.pendingDueAt)
      .where(sql`${t.pendingDueAt} IS NOT NULL`),
    index('accidents_investigation_due_idx')
      .on(t.cityCode, t.investigationReportDueOn)
      .where(sql`${t.investigationLeadUnit} IS NOT NULL AND ${t.investigationRepliedOn} IS NULL`),
    index('accidents_enterprise_idx').on(t.enterpriseId),
  ],
);

/** Each casualty change (续报) with the grade before and after, so the grade's history is kept. */
export const accidentCasualtyChanges = pgTable(
  'accident_casualty_changes',
  {
    id: serial('id').primaryKey(),
    accidentId: integer('accident_id')
      .notNull()
      .references(() => accidents.id),
    divisionCode: text('division_code').notNull(),
    at: ts('at').notNull(),
    deaths: integer('deaths').notNull(),
    missing: integer('missing').notNull(),
    seriousInjuries: integer('serious_injuries').notNull(),
    minorInjuries: integer('minor_injuries').notNull(),
    lossFen: fen('loss_fen').notNull(),
    gradeBefore: text('grade_before'),
    gradeAfter: text('grade_after'),
    /** Reported inside the 30-day (7-day) window of 条例 art. 13. */
    inWindow: boolean('in_window').notNull(),
    note: text('note').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
  },
  (t) => [index('accident_casualty_changes_accident_idx').on(t.accidentId, t.at)],
);

/** 漏报 / 谎报 / 瞒报 findings (应急管理部令第14号), each with its reason. */
export const accidentFindings = pgTable(
  'accident_findings',
  {
    id: serial('id').primaryKey(),
    accidentId: integer('accident_id')
      .notNull()
      .references(() => accidents.id),
    divisionCode: text('division_code').notNull(),
    kind: text('kind', { enum: ['omitted', 'false', 'concealed'] }).notNull(),
    reason: text('reason').notNull(),
    at: ts('at').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
  },
  (t) => [index('accident_findings_accident_idx').on(t.accidentId)],
);

/** One person on one post on one duty day of a city's duty room. */
export const dutyAssignments = pgTable(
  'duty_assignments',
  {
    id: serial('id').primaryKey(),
    /** The city whose duty room it is. */
    divisionCode: text('division_code').notNull(),
    dutyDate: date('duty_date', { mode: 'string' }).notNull(),
    post: text('post', { enum: ['leader', 'chief', 'officer'] }).notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('duty_assignments_day_idx').on(t.divisionCode, t.dutyDate)],
);

/** A recorded swap (换班): who gave up which shift to whom, and why. */
export const dutySwaps = pgTable(
  'duty_swaps',
  {
    id: serial('id').primaryKey(),
    divisionCode: text('division_code').notNull(),
    dutyDate: date('duty_date', { mode: 'string' }).notNull(),
    post: text('post', { enum: ['leader', 'chief', 'officer'] }).notNull(),
    fromName: text('from_name').notNull(),
    toName: text('to_name').notNull(),
    toDate: date('to_date', { mode: 'string' }),
    reason: text('reason').notNull(),
    at: ts('at').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
  },
  (t) => [index('duty_swaps_day_idx').on(t.divisionCode, t.dutyDate)],
);

/** The duty log (值班日志): calls, reports received, actions, hand-over notes, linked to the accident they touched. */
export const dutyLog = pgTable(
  'duty_log',
  {
    id: serial('id').primaryKey(),
    divisionCode: text('division_code').notNull(),
    dutyDate: date('duty_date', { mode: 'string' }).notNull(),
    at: ts('at').notNull(),
    kind: text('kind', { enum: ['call', 'report', 'action', 'handover'] }).notNull(),
    content: text('content').notNull(),
    accidentId: integer('accident_id').references(() => accidents.id),
    recordedBy: integer('recorded_by').references(() => users.id),
  },
  (t) => [index('duty_log_day_idx').on(t.divisionCode, t.dutyDate, t.at), index('duty_log_accident_idx').on(t.accidentId)],
);
