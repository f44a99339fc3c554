import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './org';
import { ts } from './columns';

/** The registry of supervised enterprises (企业底数台账). Scoped by `division_code` (the town). */
export const enterprises = pgTable(
  'enterprises',
  {
    id: serial('id').primaryKey(),
    creditCode: text('credit_code').notNull(),
    name: text('name').notNull(),
    formerNames: jsonb('former_names').$type<string[]>().notNull().default([]),
    legalRepresentative: text('legal_representative'),
    principalName: text('principal_name'),
    principalPhone: text('principal_phone'),
    safetyManagerName: text('safety_manager_name'),
    safetyManagerPhone: text('safety_manager_phone'),
    address: text('address'),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    divisionCode: text('division_code').notNull(),
    /** The city part of the division code: a city's scope is an equality on it, so its list walks an index in order. */
    cityCode: text('city_code')
      .notNull()
      .generatedAlwaysAs(sql`left(division_code, 4)`),
    industryCode: text('industry_code'),
    supervisionCategory: text('supervision_category').notNull(),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    employees: integer('employees'),
    aboveScale: boolean('above_scale'),
    registrationStatus: text('registration_status').notNull().default('存续'),
    supervisionStatus: text('supervision_status').notNull().default('在管'),
    /** Derived from the powers list setting; stored so lists filter and scope by it. */
    supervisingLevel: text('supervising_level').notNull(),
    /** 1- and 2-character grams of name, former names and code (domain/src/enterprise/search.rules.ts). */
    searchGrams: text('search_grams').array().notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('enterprises_credit_code_uq').on(t.creditCode),
    index('enterprises_division_idx').on(
      sql`${t.divisionCode} text_pattern_ops`,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // Category or status within a place, in list order: a filtered page reads only its matches.
    index('enterprises_category_idx').on(
      t.supervisionCategory,
      sql`${t.divisionCode} text_pattern_ops`,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('enterprises_status_idx').on(
      t.supervisionStatus,
      sql`${t.divisionCode} text_pattern_ops`,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('enterprises_tags_idx').using('gin', t.tags),
    index('enterprises_grams_idx').using('gin', t.searchGrams),
    index('enterprises_updated_idx').on(t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('enterprises_city_idx').on(t.cityCode, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('enterprises_name_idx').on(t.name, t.id),
    index('enterprises_employees_idx').on(t.employees, t.id),
    // The deregistration guard's candidates (注销/吊销 or 待核实, a few per cent of the registry), with the id for
    // an index-only read: the workbench's alert count and the alerts page start here.
    index('enterprises_guard_idx')
      .on(sql`${t.divisionCode} text_pattern_ops`, t.id)
      .where(sql`registration_status IN ('注销', '吊销') OR supervision_status = '待核实'`),
  ],
);

export const licences = pgTable(
  'licences',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }),
    expiresOn: date('expires_on', { mode: 'string' }),
  },
  (t) => [index('licences_enterprise_idx').on(t.enterpriseId), index('licences_expires_idx').on(t.expiresOn)],
);

/** The enterprise timeline: every module adds its events here (inspections, hazards, cases, grades …). */
export const enterpriseEvents = pgTable(
  'enterprise_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    at: ts('at').notNull(),
    module: text('module').notNull(),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    ref: text('ref'),
  },
  (t) => [index('enterprise_events_idx').on(t.enterpriseId, t.at.desc().nullsFirst())],
);

/** A regulator feed's remembered column mapping (field → header), per source. */
export const importSources = pgTable('import_sources', {
  name: text('name').primaryKey(),
  mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const importBatches = pgTable('import_batches', {
  id: serial('id').primaryKey(),
  source: text('source').notNull(),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull(),
  rows: integer('rows').notNull(),
  counts: jsonb('counts').notNull(),
  appliedBy: integer('applied_by').references(() => users.id),
  appliedAt: ts('applied_at').notNull(),
});

/** A town's request to hand a firm to another town; it moves only on the other town's or the bureau's acceptance. */
export const enterpriseTransfers = pgTable(
  'enterprise_transfers',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    fromCode: text('from_code').notNull(),
    toCode: text('to_code').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'rejected'] }).notNull(),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: ts('requested_at').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
  },
  (t) => [index('enterprise_transfers_to_idx').on(t.toCode, t.status), index('enterprise_transfers_ent_idx').on(t.enterpriseId)],
);

const countColumns = () => ({
  divisionCode: text('division_code').notNull(),
  supervisionCategory: text('supervision_category').notNull(),
  supervisionStatus: text('supervision_status').notNull(),
  registrationStatus: text('registration_status').notNull(),
  supervisingLevel: text('supervising_level').notNull(),
  tag: text('tag').notNull(),
  n: integer('n').notNull(),
});

/**
 * Firm counts by town, category, statuses, level and tag (tag '' counts every firm once), kept by statement
 * triggers on `enterprises` (migration 0003). List totals and dashboards read these few hundred rows instead
 * of counting the registry.
 */
export const enterpriseCounts = pgTable('enterprise_counts', countColumns(), (t) => [
  primaryKey({
    name: 'enterprise_counts_pk',
    columns: [t.divisionCode, t.supervisionCategory, t.supervisionStatus, t.registrationStatus, t.supervisingLevel, t.tag],
  }),
]);

/**
 * The same counts by city (`division_code` holds the city's four digits), for a province's or a city's list total: the
 * province's 1,757 towns are 41,000 town rows, its cities 2,900. The triggers never update these rows (a city's row would
 * be a lock every write of the city's firms waits on): they append each statement's change to `enterprise_count_deltas`,
 * the enterprise module's job folds them in (`foldEnterpriseCounts`), and a reader adds the changes not yet folded, so
 * a total is exact at any moment. The tag leads the key: a total without a tag reads the tag '' rows only.
 */
export const enterpriseCityCounts = pgTable('enterprise_city_counts', countColumns(), (t) => [
  primaryKey({
    name: 'enterprise_city_counts_pk',
    columns: [t.tag, t.divisionCode, t.supervisionCategory, t.supervisionStatus, t.registrationStatus, t.supervisingLevel],
  }),
]);

/** Changes to the city counts not yet folded in: appended by the triggers, deleted by the fold that adds them. */
export const enterpriseCountDeltas = pgTable('enterprise_count_deltas', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  ...countColumns(),
});
