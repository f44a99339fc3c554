import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
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
import {
  ITEM_CATEGORIES,
  LOAN_STATES,
  MOVEMENT_KINDS,
  RECEIPT_SOURCES,
  RETURN_CONDITIONS,
  SHELTER_CLASSES,
  SHELTER_KINDS,
  SHELTER_LEVELS,
  SHELTER_STATUSES,
  WAREHOUSE_KINDS,
  type TShelterFacility,
} from '@yingji/domain';
import { users } from './org';
import { ts } from './columns';

/** Money in fen (分), bigint, read as numbers. */
const fen = (name: string) => bigint(name, { mode: 'number' });

/** A warehouse (city, town) or a pre-positioned point (前置点), on the map, with its keeper. */
export const resourceWarehouses = pgTable(
  'resource_warehouses',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: WAREHOUSE_KINDS }).notNull(),
    divisionCode: text('division_code').notNull(),
    address: text('address').notNull(),
    keeper: text('keeper').notNull(),
    keeperPhone: text('keeper_phone').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    /** The shelter this stock point is at (supplies stored at the shelter, issue 17 item 6); same town as the shelter. */
    shelterId: integer('shelter_id').references((): AnyPgColumn => shelters.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('resource_warehouses_division_idx').on(sql`${t.divisionCode} text_pattern_ops`),
    index('resource_warehouses_shelter_idx').on(t.shelterId),
  ],
);

/** The item catalogue (物资目录). */
export const resourceItems = pgTable('resource_items', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  category: text('category', { enum: ITEM_CATEGORIES }).notNull(),
  unit: text('unit').notNull(),
  spec: text('spec').notNull().default(''),
  requires3c: boolean('requires_3c').notNull().default(false),
  maintenanceDays: integer('maintenance_days'),
  unitPriceFen: fen('unit_price_fen').notNull().default(0),
});

/** Minimum stock of an item in a warehouse (储备定额). */
export const resourceMinimums = pgTable(
  'resource_minimums',
  {
    warehouseId: integer('warehouse_id')
      .notNull()
      .references(() => resourceWarehouses.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => resourceItems.id),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ name: 'resource_minimums_pk', columns: [t.warehouseId, t.itemId] })],
);

/** A receipt (入库单) with its acceptance signers (验收人, at least two). */
export const resourceReceipts = pgTable('resource_receipts', {
  id: serial('id').primaryKey(),
  warehouseId: integer('warehouse_id')
    .notNull()
    .references(() => resourceWarehouses.id),
  source: text('source', { enum: RECEIPT_SOURCES }).notNull(),
  receivedOn: date('received_on', { mode: 'string' }).notNull(),
  acceptors: jsonb('acceptors').$type<string[]>().notNull(),
  note: text('note').notNull().default(''),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull(),
});

/**
 * A lot (批次): what one receipt line (or a transfer) brought into one warehouse. `balance` is the sum of the lot's
 * movements, kept in the same transaction as each movement and never below zero (the check and a conditional update).
 */
export const resourceLots = pgTable(
  'resource_lots',
  {
    id: serial('id').primaryKey(),
    warehouseId: integer('warehouse_id')
      .notNull()
      .references(() => resourceWarehouses.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => resourceItems.id),
    divisionCode: text('division_code').notNull(),
    receiptId: integer('receipt_id').references(() => resourceReceipts.id),
    originLotId: integer('origin_lot_id'),
    source: text('source', { enum: RECEIPT_SOURCES }).notNull(),
    received: integer('received').notNull(),
    balance: integer('balance').notNull(),
    spec: text('spec').notNull().default(''),
    producedOn: date('produced_on', { mode: 'string' }),
    expiresOn: date('expires_on', { mode: 'string' }),
    certificate3c: text('certificate_3c'),
    supplier: text('supplier'),
    unitPriceFen: fen('unit_price_fen').notNull().default(0),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    lastMaintainedOn: date('last_maintained_on', { mode: 'string' }),
  },
  (t) => [
    check('resource_lots_balance_nonnegative', sql`${t.balance} >= 0`),
    index('resource_lots_warehouse_item_idx').on(t.warehouseId, t.itemId),
    index('resource_lots_division_idx').on(sql`${t.divisionCode} text_pattern_ops`),
    index('resource_lots_expiry_idx')
      .on(t.expiresOn)
      .where(sql`${t.balance} > 0`),
    // maintenance due: per item, the lots with stock last maintained (or received) on or before a day
    index('resource_lots_maintained_idx')
      .on(t.itemId, sql`coalesce(${t.lastMaintainedOn}, ${t.receivedOn})`)
      .where(sql`${t.balance} > 0`),
  ],
);

/**
 * The stock of each warehouse × item that has lots (库存结存): the sum of its lots' balances and how many lots it has,
 * kept by statement triggers on resource_lots (migration resource_stock_s14) in the writer's transaction, so it always
 * equals the lots (and they their movements). Derived: not backed up, rebuilt on restore as the lots go in.
 */
export const resourceStock = pgTable(
  'resource_stock',
  {
    warehouseId: integer('warehouse_id').notNull(),
    itemId: integer('item_id').notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull(),
    lots: integer('lots').notNull(),
  },
  (t) => [primaryKey({ name: 'resource_stock_pk', columns: [t.warehouseId, t.itemId] })],
);

/** Every change of a lot's quantity (signed), one row per movement. */
export const resourceMovements = pgTable(
  'resource_movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    lotId: integer('lot_id')
      .notNull()
      .references(() => resourceLots.id),
    warehouseId: integer('warehouse_id').notNull(),
    itemId: integer('item_id').notNull(),
    divisionCode: text('division_code').notNull(),
    kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
    quantity: integer('quantity').notNull(),
    counterparty: text('counterparty'),
    note: text('note').notNull().default(''),
    loanId: integer('loan_id'),
    byUser: integer('by_user').references(() => users.id),
    at: ts('at').notNull(),
  },
  (t) => [
    index('resource_movements_lot_idx').on(t.lotId),
    index('resource_movements_warehouse_idx').on(t.warehouseId, t.id.desc().nullsFirst()),
    index('resource_movements_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.id.desc().nullsFirst()),
  ],
);

export interface TLoanStepRow {
  action: string;
  byId: number | null;
  byName: string;
  at: string;
  note: string;
}

/** A loan (出借) from a warehouse to a borrowing unit, with its approvals and steps. */
export const resourceLoans = pgTable(
  'resource_loans',
  {
    id: serial('id').primaryKey(),
    warehouseId: integer('warehouse_id')
      .notNull()
      .references(() => resourceWarehouses.id),
    /** The warehouse's division: its keepers and the bureau see it. */
    divisionCode: text('division_code').notNull(),
    /** The borrower's division: the borrowing town sees it too. */
    borrowerDivisionCode: text('borrower_division_code').notNull(),
    borrowerUnit: text('borrower_unit').notNull(),
    contact: text('contact').notNull(),
    contactPhone: text('contact_phone').notNull(),
    purpose: text('purpose').notNull(),
    expectedReturnOn: date('expected_return_on', { mode: 'string' }).notNull(),
    state: text('state', { enum: LOAN_STATES }).notNull(),
    applicantId: integer('applicant_id')
      .notNull()
      .references(() => users.id),
    needsSecondApproval: boolean('needs_second_approval').notNull(),
    firstApproverId: integer('first_approver_id').references(() => users.id),
    secondApproverId: integer('second_approver_id').references(() => users.id),
    valueFen: fen('value_fen').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    documents: jsonb('documents').$type<string[]>().notNull().default([]),
    steps: jsonb('steps').$type<TLoanStepRow[]>().notNull().default([]),
    requestedAt: ts('requested_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('resource_loans_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.id.desc().nullsFirst()),
    index('resource_loans_borrower_idx').on(sql`${t.borrowerDivisionCode} text_pattern_ops`),
    index('resource_loans_open_idx')
      .on(t.expectedReturnOn)
      .where(sql`${t.state} in ('issued', 'returning')`),
    index('resource_loans_pending_idx')
      .on(t.state)
      .where(sql`${t.state} in ('requested', 'approved')`),
  ],
);

/** An item of a loan and how much of it came back, in which condition. */
export const resourceLoanLines = pgTable(
  'resource_loan_lines',
  {
    id: serial('id').primaryKey(),
    loanId: integer('loan_id')
      .notNull()
      .references(() => resourceLoans.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => resourceItems.id),
    quantity: integer('quantity').notNull(),
    returnedGood: integer('returned_good').notNull().default(0),
    returnedDamaged: integer('returned_damaged').notNull().default(0),
    consumed: integer('consumed').notNull().default(0),
    lost: integer('lost').notNull().default(0),
  },
  (t) => [
    index('resource_loan_lines_loan_idx').on(t.loanId),
    check('resource_loan_lines_accounted', sql`${t.returnedGood} + ${t.returnedDamaged} + ${t.consumed} + ${t.lost} <= ${t.quantity}`),
  ],
);

/** One return (归还) of a loan line. */
export const resourceLoanReturns = pgTable(
  'resource_loan_returns',
  {
    id: serial('id').primaryKey(),
    loanId: integer('loan_id')
      .notNull()
      .references(() => resourceLoans.id),
    lineId: integer('line_id')
      .notNull()
      .references(() => resourceLoanLines.id),
    quantity: integer('quantity').notNull(),
    condition: text('condition', { enum: RETURN_CONDITIONS }).notNull(),
    returnedOn: date('returned_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    byUser: integer('by_user').references(() => users.id),
    at: ts('at').notNull(),
  },
  (t) => [index('resource_loan_returns_loan_idx').on(t.loanId)],
);

/** A shelter (应急避难场所) of the census, with its facilities checklist (facility → last checked on). */
export const shelters = pgTable(
  'shelters',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: SHELTER_KINDS }).notNull(),
    indoor: boolean('indoor').notNull(),
    level: text('level', { enum: SHELTER_LEVELS }).notNull(),
    shelterClass: text('shelter_class', { enum: SHELTER_CLASSES }).notNull(),
    divisionCode: text('division_code').notNull(),
    address: text('address').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    areaM2: doublePrecision('area_m2').notNull(),
    capacityOverride: integer('capacity_override'),
    overrideReason: text('override_reason'),
    managingUnit: text('managing_unit').notNull(),
    contact: text('contact').notNull(),
    contactPhone: text('contact_phone').notNull(),
    status: text('status', { enum: SHELTER_STATUSES }).notNull(),
    centralCity: boolean('central_city').notNull().default(false),
    facilities: jsonb('facilities').$type<Partial<Record<TShelterFacility, string>>>().notNull().default({}),
    supplies: text('supplies').notNull().default(''),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('shelters_area_nonnegative', sql`${t.areaM2} >= 0`),
    uniqueIndex('shelters_name_division_idx').on(t.divisionCode, t.name),
    index('shelters_division_idx').on(sql`${t.divisionCode} text_pattern_ops`),
    index('shelters_open_lat_idx')
      .on(t.latitude, t.longitude)
      .where(sql`${t.status} = 'open'`),
  ],
);

/**
 * A stocktake (盘点) of one warehouse: all lots or a sample (the seed's half-yearly and yearly counts, spot checks).
 * The counter enters counts blind (the expected quantity is not sent until submitted); adjustments for the
 * discrepancies are applied only when someone other than the counter approves.
 */
export const resourceStocktakes = pgTable(
  'resource_stocktakes',
  {
    id: serial('id').primaryKey(),
    warehouseId: integer('warehouse_id')
      .notNull()
      .references(() => resourceWarehouses.id),
    divisionCode: text('division_code').notNull(),
    kind: text('kind', { enum: ['full', 'sample', 'spot'] }).notNull(),
    state: text('state', { enum: ['counting', 'submitted', 'approved'] }).notNull(),
    counterId: integer('counter_id')
      .notNull()
      .references(() => users.id),
    approverId: integer('approver_id').references(() => users.id),
    note: text('note').notNull().default(''),
    createdAt: ts('created_at').notNull(),
    submittedAt: ts('submitted_at'),
    approvedAt: ts('approved_at'),
  },
  (t) => [index('resource_stocktakes_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.id.desc().nullsFirst())],
);

/** One lot on a count sheet: the balance when the sheet was made (hidden from the counter) and what was counted. */
export const resourceStocktakeLines = pgTable(
  'resource_stocktake_lines',
  {
    id: serial('id').primaryKey(),
    stocktakeId: integer('stocktake_id')
      .notNull()
      .references(() => resourceStocktakes.id),
    lotId: integer('lot_id')
      .notNull()
      .references(() => resourceLots.id),
    expected: integer('expected').notNull(),
    counted: integer('counted'),
  },
  (t) => [index('resource_stocktake_lines_stocktake_idx').on(t.stocktakeId)],
);

/**
 * A round of flood-season checks (汛前检查) by the bureau and its departments, with the checklists it uses: the
 * towns' 九必检 and the villages' 十个有 as the bureau wrote them when it opened the round (seed §三(一)).
 */
export const floodCheckRounds = pgTable('flood_check_rounds', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  season: integer('season').notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  departments: jsonb('departments').$type<string[]>().notNull(),
  townItems: jsonb('town_items').$type<{ code: string; label: string }[]>().notNull(),
  villageItems: jsonb('village_items').$type<{ code: string; label: string }[]>().notNull(),
  createdBy: integer('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: ts('created_at').notNull(),
});

/**
 * One item checked in one town (village_code empty: its 九必检) or village (its 十个有): present or missing with a
 * note, and a missing one put right (fixed_on, fix_note). `division_code` is the town's, so town scope holds.
 */
export const floodCheckResults = pgTable(
  'flood_check_results',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => floodCheckRounds.id),
    divisionCode: text('division_code').notNull(),
    villageCode: text('village_code').notNull().default(''),
    itemCode: text('item_code').notNull(),
    present: boolean('present').notNull(),
    note: text('note').notNull().default(''),
    /** Photos (attachment hashes, owner `flood_check`). */
    photos: jsonb('photos').$type<string[]>().notNull().default([]),
    department: text('department').notNull(),
    checkedOn: date('checked_on', { mode: 'string' }).notNull(),
    checkedBy: integer('checked_by')
      .notNull()
      .references(() => users.id),
    fixedOn: date('fixed_on', { mode: 'string' }),
    fixNote: text('fix_note').notNull().default(''),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('flood_check_results_uq').on(t.roundId, t.divisionCode, t.villageCode, t.itemCode)],
);
