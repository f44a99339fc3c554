import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** The key of a roll-up row and its count: the town counts, the city counts and their deltas have the same. */
const keyAndCount = () => ({
  subject: text('subject', { enum: ['hazard', 'inspection', 'case'] }).notNull(),
  divisionCode: text('division_code').notNull(),
  month: text('month').notNull(),
  state: text('state').notNull(),
  kind: text('kind').notNull(),
  category: text('category').notNull(),
  dueMonth: text('due_month').notNull(),
  n: integer('n').notNull(),
});

/**
 * Counts of hazards, inspections and cases by town, month, state and the dimensions their dashboards group by, kept
 * current in the writer's own transaction by statement triggers that modules/rollup/rollup.sql.ts installs at every
 * migrate (so a direct insert, an import or a restore is counted too). A dashboard or a "count by state for a year"
 * sums a few of these rows instead of scanning the records. `month` is the record's month (a hazard's found_on, an
 * inspection's inspected_on, a case's filed_on; '' for a case not yet filed); `kind` is a hazard's level, an
 * inspection's kind or a case's procedure; `category` an open hazard's category ('' once closed) or a case's source (for inspections 'unpublished' on a submitted result not yet published, else '');
 * `due_month` the deadline month of a hazard that can still go overdue (found, ordered, rectifying), else ''.
 * Derived: not backed up, rebuilt from the records by `yingji rollup-rebuild`.
 */
export const rollupCounts = pgTable('rollup_counts', keyAndCount(), (t) => [
  primaryKey({
    name: 'rollup_counts_pk',
    columns: [t.subject, t.divisionCode, t.month, t.state, t.kind, t.category, t.dueMonth],
  }),
  index('rollup_counts_month_idx').on(t.subject, t.month, sql`${t.divisionCode} text_pattern_ops`),
  index('rollup_counts_state_idx').on(t.subject, t.state, sql`${t.divisionCode} text_pattern_ops`),
]);

/**
 * The same counts by city (`division_code` holds the city's four digits), for the province's and a city's reads that
 * need no town: a province of 1,757 towns sums a city's few rows instead of its towns'. The triggers never update
 * these rows (a city's row would be a lock every write of the city waits on): `rollup_apply` appends each statement's
 * change to `rollup_count_deltas`, the roll-up module's job folds them in (`foldRollupDeltas`), and a reader adds the
 * changes not yet folded, so a figure is exact at any moment. Derived, like `rollup_counts`, and rebuilt with it.
 */
export const rollupCityCounts = pgTable('rollup_city_counts', keyAndCount(), (t) => [
  primaryKey({
    name: 'rollup_city_counts_pk',
    columns: [t.subject, t.divisionCode, t.month, t.state, t.kind, t.category, t.dueMonth],
  }),
]);

/** Changes to the city counts not yet folded in: appended by `rollup_apply`, deleted by the fold that adds them. */
export const rollupCountDeltas = pgTable('rollup_count_deltas', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  ...keyAndCount(),
});
