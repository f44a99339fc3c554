import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** A month's counts of one kind of inspection: the town counts, the city counts and their deltas have the same. */
const monthCounts = () => ({
  month: text('month').notNull(),
  kind: text('kind').notNull(),
  inspections: integer('inspections').notNull(),
  findings: integer('findings').notNull(),
  majorFindings: integer('major_findings').notNull(),
});

/**
 * Submitted inspections and their findings by town, month (`YYYY-MM`, the bureau's calendar) and kind, kept by
 * statement triggers on `inspections` and `findings` (migration 0005), so the statistics never count the records.
 */
export const inspectionCounts = pgTable(
  'inspection_counts',
  {
    divisionCode: text('division_code').notNull(),
    ...monthCounts(),
  },
  (t) => [
    primaryKey({ name: 'inspection_counts_pk', columns: [t.divisionCode, t.month, t.kind] }),
    index('inspection_counts_month_idx').on(t.month, sql`${t.divisionCode} text_pattern_ops`),
    // A city's or province's rows by prefix (LIKE uses only text_pattern_ops indexes outside the C collation).
    index('inspection_counts_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.month),
  ],
);

/**
 * Which firms were checked in which period: one row per (period, kind, firm, town) with the number of submitted
 * inspections, for periods `YYYY`, `YYYY-Qn` and `YYYY-MM` and kinds planned / ad_hoc / unannounced / all.
 * Distinct firms cannot be summed from monthly counts (a firm checked in January and March is one firm of the
 * quarter), so each period has its own rows and a count of them is the distinct count. Kept by the same triggers.
 */
export const inspectionFirmPeriods = pgTable(
  'inspection_firm_periods',
  {
    period: text('period').notNull(),
    kind: text('kind').notNull(),
    enterpriseId: integer('enterprise_id').notNull(),
    divisionCode: text('division_code').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ name: 'inspection_firm_periods_pk', columns: [t.period, t.kind, t.enterpriseId, t.divisionCode] }),
    index('inspection_firm_periods_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.period, t.kind, t.enterpriseId),
  ],
);

/**
 * Distinct firms checked per town, period and kind: the number of inspection_firm_periods rows, kept by the same
 * triggers, so a dashboard sums a few rows instead of counting firms.
 */
export const inspectionFirmCounts = pgTable(
  'inspection_firm_counts',
  {
    divisionCode: text('division_code').notNull(),
    period: text('period').notNull(),
    kind: text('kind').notNull(),
    firms: integer('firms').notNull(),
  },
  (t) => [
    primaryKey({ name: 'inspection_firm_counts_pk', columns: [t.divisionCode, t.period, t.kind] }),
    index('inspection_firm_counts_period_idx').on(t.period, sql`${t.divisionCode} text_pattern_ops`),
  ],
);

/**
 * Firms checked in two or more towns in one period and kind (a firm that moved town): summing towns counts them
 * once per town, so the statistics subtract the surplus found through these few rows.
 */
export const inspectionFirmMovers = pgTable(
  'inspection_firm_movers',
  {
    period: text('period').notNull(),
    kind: text('kind').notNull(),
    enterpriseId: integer('enterprise_id').notNull(),
  },
  (t) => [primaryKey({ name: 'inspection_firm_movers_pk', columns: [t.period, t.kind, t.enterpriseId] })],
);

/**
 * The same counts by city (the division code's first four digits), month and kind, for the province's and a city's
 * views: a province of 1,757 towns sums a few thousand rows instead of two hundred thousand. The writers' triggers
 * never update these rows (a city's row would be a lock every inspection of the city waits on): they append their
 * change to `inspection_count_deltas`, and a job folds the deltas into these rows (`foldInspectionDeltas`). A reader
 * sums both, so the figures are exact at any moment, folded or not.
 */
export const inspectionCityCounts = pgTable(
  'inspection_city_counts',
  {
    cityCode: text('city_code').notNull(),
    ...monthCounts(),
  },
  (t) => [primaryKey({ name: 'inspection_city_counts_pk', columns: [t.cityCode, t.month, t.kind] })],
);

/** Changes to the city counts not yet folded in: appended by the triggers, deleted by the fold that adds them up. */
export const inspectionCountDeltas = pgTable('inspection_count_deltas', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  cityCode: text('city_code').notNull(),
  ...monthCounts(),
});

/**
 * Distinct firms checked by city, period and kind (the periods and kinds of `inspection_firm_periods`): a firm counts
 * once in a city however many of its towns it was checked in (a firm has one town, but its records keep the town they
 * were made in, so a firm that moved town has rows in both). Kept like the city counts: the triggers append a firm
 * entering (+1) or leaving (−1) a city's period to `inspection_firm_city_deltas`, the fold adds them in, a reader sums both.
 */
export const inspectionFirmCityCounts = pgTable(
  'inspection_firm_city_counts',
  {
    cityCode: text('city_code').notNull(),
    period: text('period').notNull(),
    kind: text('kind').notNull(),
    firms: integer('firms').notNull(),
  },
  (t) => [primaryKey({ name: 'inspection_firm_city_counts_pk', columns: [t.period, t.kind, t.cityCode] })],
);

/** Firms entering or leaving a city's period not yet folded in: appended by the triggers, deleted by the fold. */
export const inspectionFirmCityDeltas = pgTable('inspection_firm_city_deltas', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  cityCode: text('city_code').notNull(),
  period: text('period').notNull(),
  kind: text('kind').notNull(),
  firms: integer('firms').notNull(),
});
