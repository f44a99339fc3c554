import { sql } from 'drizzle-orm';
import { bigserial, date, doublePrecision, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { enterprises } from './enterprise';
import { users } from './org';
import { ts } from './columns';

/** An enterprise's current risk grade (四色分级). One row per graded firm; ungraded firms have none. */
export const riskGrades = pgTable(
  'risk_grades',
  {
    enterpriseId: integer('enterprise_id')
      .primaryKey()
      .references(() => enterprises.id),
    /** Copied from the firm (and kept in step by the risk service) so grades scope and count by town without a join. */
    divisionCode: text('division_code').notNull(),
    colour: text('colour', { enum: ['red', 'orange', 'yellow', 'blue'] }).notNull(),
    /** Expert assessment score, 0–100; null for an initial grade without a score. */
    score: doublePrecision('score'),
    basis: text('basis', { enum: ['assessment', 'initial', 'dynamic'] }).notNull(),
    /** Conditions that force red whatever the score (强制红色条件), as catalogue codes. */
    forcedRed: jsonb('forced_red').$type<string[]>().notNull().default([]),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    /** Assessments are redone every 3 years (DOMAIN.md §5). */
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('risk_grades_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.colour),
    index('risk_grades_colour_idx').on(t.colour, sql`${t.divisionCode} text_pattern_ops`),
    index('risk_grades_valid_idx').on(t.validUntil),
  ],
);

/** Every grade a firm has had, with the reasons and who decided. */
export const riskGradeHistory = pgTable(
  'risk_grade_history',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    divisionCode: text('division_code').notNull(),
    fromColour: text('from_colour'),
    toColour: text('to_colour').notNull(),
    score: doublePrecision('score'),
    basis: text('basis').notNull(),
    /** Plain-language reasons, each citing the rule or the assessment that produced it. */
    reasons: jsonb('reasons').$type<{ rule: string; text: string }[]>().notNull(),
    comment: text('comment'),
    proposalId: integer('proposal_id'),
    decidedBy: integer('decided_by').references(() => users.id),
    at: ts('at').notNull(),
  },
  (t) => [index('risk_grade_history_ent_idx').on(t.enterpriseId, t.at.desc().nullsFirst())],
);

/** A change the dynamic rules propose; only an officer's approval changes the grade. */
export const riskProposals = pgTable(
  'risk_proposals',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    divisionCode: text('division_code').notNull(),
    fromColour: text('from_colour').notNull(),
    toColour: text('to_colour').notNull(),
    direction: text('direction', { enum: ['up', 'down'] }).notNull(),
    reasons: jsonb('reasons').$type<{ rule: string; text: string; refs?: string[] }[]>().notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'superseded'] }).notNull(),
    createdAt: ts('created_at').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
  },
  (t) => [
    index('risk_proposals_status_idx').on(t.status, sql`${t.divisionCode} text_pattern_ops`, t.id),
    // At most one open proposal per firm: a newer evaluation supersedes the old one.
    uniqueIndex('risk_proposals_pending_uq')
      .on(t.enterpriseId)
      .where(sql`status = 'pending'`),
  ],
);

/**
 * What the dynamic rules read: events the hazard, case, accident and inspection modules report about a firm
 * (accident, major hazard opened/closed, hazard found/closed by category, penalty, refused directive).
 */
export const riskEvents = pgTable(
  'risk_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    divisionCode: text('division_code').notNull(),
    kind: text('kind').notNull(),
    /** Hazard category for hazard events (recurrence is counted per category). */
    category: text('category'),
    occurredAt: ts('occurred_at').notNull(),
    module: text('module').notNull(),
    /** The record in the reporting module (e.g. `hazard:123`), so a reason can link to it. */
    ref: text('ref'),
    summary: text('summary').notNull(),
  },
  (t) => [index('risk_events_ent_idx').on(t.enterpriseId, t.occurredAt), uniqueIndex('risk_events_ref_uq').on(t.kind, t.ref)],
);
