import { date, index, integer, jsonb, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { users } from './org';
import { ts } from './columns';

/** A round of findings fed back to the bureau (巡察、审计、上级检查、自查): who inspected, when, the feedback document. */
export const findingRounds = pgTable(
  'finding_rounds',
  {
    id: serial('id').primaryKey(),
    divisionCode: text('division_code').notNull(),
    title: text('title').notNull(),
    source: text('source', { enum: ['party_inspection', 'audit', 'provincial_check', 'self_inspection', 'other'] }).notNull(),
    inspector: text('inspector').notNull(),
    inspectedFrom: date('inspected_from', { mode: 'string' }).notNull(),
    inspectedTo: date('inspected_to', { mode: 'string' }).notNull(),
    feedbackOn: date('feedback_on', { mode: 'string' }).notNull(),
    feedbackDocument: text('feedback_document').notNull().default(''),
    /** A look-back round (回头看) names the round it looks back on. */
    lookBackOf: integer('look_back_of'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('finding_rounds_division_idx').on(t.divisionCode, t.feedbackOn)],
);

/** One problem as the feedback groups it: its section, its number, its quoted text. */
export const findingItems = pgTable(
  'finding_items',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => findingRounds.id),
    divisionCode: text('division_code').notNull(),
    section: text('section').notNull(),
    itemNo: integer('item_no').notNull(),
    title: text('title').notNull(),
    quote: text('quote').notNull().default(''),
  },
  (t) => [index('finding_items_round_idx').on(t.roundId, t.itemNo)],
);

/** A measure taken on a finding: lead leader, department, owner, deadline, and where it stands (整改销号). */
export const findingMeasures = pgTable(
  'finding_measures',
  {
    id: serial('id').primaryKey(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findingItems.id),
    roundId: integer('round_id')
      .notNull()
      .references(() => findingRounds.id),
    divisionCode: text('division_code').notNull(),
    content: text('content').notNull(),
    leadLeader: text('lead_leader').notNull(),
    department: text('department').notNull(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    term: text('term', { enum: ['immediate', 'long_term'] }).notNull(),
    state: text('state', { enum: ['open', 'in_progress', 'submitted', 'signed_off'] })
      .notNull()
      .default('open'),
    reviewerId: integer('reviewer_id').references(() => users.id),
    signedOffBy: integer('signed_off_by').references(() => users.id),
    signedOffAt: ts('signed_off_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    progressCount: integer('progress_count').notNull().default(0),
    lastProgressAt: ts('last_progress_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('finding_measures_finding_idx').on(t.findingId),
    index('finding_measures_owner_idx').on(t.ownerId, t.state),
    index('finding_measures_reviewer_idx').on(t.reviewerId, t.state),
    index('finding_measures_deadline_idx').on(t.divisionCode, t.state, t.deadline),
  ],
);

/** Each step of a measure's loop: progress with evidence and links, a sign-off request, a sign-off, a return, a reopen. */
export const findingProgress = pgTable(
  'finding_progress',
  {
    id: serial('id').primaryKey(),
    measureId: integer('measure_id')
      .notNull()
      .references(() => findingMeasures.id),
    divisionCode: text('division_code').notNull(),
    kind: text('kind', { enum: ['progress', 'submit', 'sign_off', 'return', 'reopen'] }).notNull(),
    note: text('note').notNull(),
    /** sha256 of each evidence file (attachment module), referenced as `finding` for reading. */
    attachments: jsonb('attachments').$type<string[]>().notNull().default([]),
    links: jsonb('links').$type<{ kind: string; id: number; label: string }[]>().notNull().default([]),
    lookBackRoundId: integer('look_back_round_id').references(() => findingRounds.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    at: ts('at').notNull(),
  },
  (t) => [index('finding_progress_measure_idx').on(t.measureId, t.at)],
);

/**
 * The public progress report on a round (整改进展情况): drafted by the office, approved by a leader (its content is
 * frozen then), published with a feedback window (公开期限) and contacts.
 */
export const findingReports = pgTable(
  'finding_reports',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => findingRounds.id),
    divisionCode: text('division_code').notNull(),
    title: text('title').notNull(),
    leadership: text('leadership').notNull(),
    nextSteps: text('next_steps').notNull(),
    contacts: text('contacts').notNull(),
    issuer: text('issuer').notNull(),
    feedbackDays: integer('feedback_days').notNull(),
    state: text('state', { enum: ['draft', 'approved', 'published'] })
      .notNull()
      .default('draft'),
    /** The findings and measures as approved (TReportContent); null while a draft, which is computed on read. */
    content: jsonb('content'),
    feedbackFrom: date('feedback_from', { mode: 'string' }),
    feedbackTo: date('feedback_to', { mode: 'string' }),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    approvedBy: integer('approved_by').references(() => users.id),
    approvedAt: ts('approved_at'),
    publishedAt: ts('published_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('finding_reports_round_idx').on(t.roundId), index('finding_reports_state_idx').on(t.state, t.publishedAt)],
);

/** An opinion from the public on a published report, and the office's answer. */
export const findingReportFeedback = pgTable(
  'finding_report_feedback',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => findingReports.id),
    name: text('name').notNull().default(''),
    contact: text('contact').notNull(),
    text: text('text').notNull(),
    receivedAt: ts('received_at').notNull(),
    reply: text('reply'),
    repliedBy: integer('replied_by').references(() => users.id),
    repliedAt: ts('replied_at'),
  },
  (t) => [index('finding_report_feedback_report_idx').on(t.reportId, t.receivedAt)],
);
