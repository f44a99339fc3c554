import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Hazards found and closed by town, month (`YYYY-MM`, the bureau's calendar), category, level and source, kept by
 * triggers on `hazards`, so the period figures and the self-found share sum a few rows instead of counting records.
 */
export const hazardCounts = pgTable(
  'hazard_counts',
  {
    divisionCode: text('division_code').notNull(),
    month: text('month').notNull(),
    category: text('category').notNull(),
    level: text('level').notNull(),
    source: text('source').notNull(),
    found: integer('found').notNull(),
    closed: integer('closed').notNull(),
  },
  (t) => [
    primaryKey({ name: 'hazard_counts_pk', columns: [t.divisionCode, t.month, t.category, t.level, t.source] }),
    index('hazard_counts_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.month),
    index('hazard_counts_month_idx').on(t.month, sql`${t.divisionCode} text_pattern_ops`),
  ],
);

/** A town's or city's month: found and closed, with the major and self-found (企业自查) splits. */
const monthFigures = () => ({
  month: text('month').notNull(),
  found: integer('found').notNull(),
  closed: integer('closed').notNull(),
  foundMajor: integer('found_major').notNull(),
  closedMajor: integer('closed_major').notNull(),
  foundSelf: integer('found_self').notNull(),
  closedSelf: integer('closed_self').notNull(),
  foundMajorSelf: integer('found_major_self').notNull(),
  closedMajorSelf: integer('closed_major_self').notNull(),
});

/**
 * The same figures rolled up to town and month, with the two splits the views ask for without a category: major and
 * self-found (企业自查). Kept by the same triggers (migration 0011); a city's five years are ~1,500 rows instead of
 * ~40,000 counter rows, so an unfiltered list total, the self-found share and the clearing series sum a few rows.
 */
export const hazardTownMonths = pgTable(
  'hazard_town_months',
  {
    divisionCode: text('division_code').notNull(),
    ...monthFigures(),
  },
  (t) => [
    primaryKey({ name: 'hazard_town_months_pk', columns: [t.divisionCode, t.month] }),
    index('hazard_town_months_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.month),
    index('hazard_town_months_month_idx').on(t.month, sql`${t.divisionCode} text_pattern_ops`),
  ],
);

/**
 * The same months by city (the division code's first four digits), for the province's view by city: a month of the
 * province is 21 rows instead of 1,757. Kept like the inspection city counts (`inspection_city_counts`): the
 * triggers' function appends each change to `hazard_city_month_deltas`, never updating a city's row (a lock every
 * hazard of the city would wait on); a job folds the deltas in (`foldHazardCityMonths`); a reader sums both.
 */
export const hazardCityMonths = pgTable(
  'hazard_city_months',
  {
    cityCode: text('city_code').notNull(),
    ...monthFigures(),
  },
  (t) => [primaryKey({ name: 'hazard_city_months_pk', columns: [t.cityCode, t.month] })],
);

/** Changes to the city months not yet folded in: appended by `hazard_counts_apply`, deleted by the fold. */
export const hazardCityMonthDeltas = pgTable('hazard_city_month_deltas', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  cityCode: text('city_code').notNull(),
  ...monthFigures(),
});
