/** All SQL of loans (出借): the loan and its lines, returns, the ledger list. A loan is seen by the lending warehouse's and the borrower's scope. */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { TLoanState } from '@yingji/domain';
import type { Db } from '../../db/client';
import {
  divisions,
  resourceItems,
  resourceLoanLines,
  resourceLoanReturns,
  resourceLoans,
  resourceWarehouses,
  users,
} from '../../db/schema';
import { containsText } from '../../shared/keyword';
import { inScopeSql } from '../../shared/scope';
import { statementName } from './named-statement';

export type TLoanRow = typeof resourceLoans.$inferSelect;
export type TLoanLineRow = typeof resourceLoanLines.$inferSelect;

/** A loan is visible where the lending warehouse or the borrower lies in the scope. */
export const loanInScope = (scope: string): SQL =>
  or(inScopeSql(resourceLoans.divisionCode, scope), inScopeSql(resourceLoans.borrowerDivisionCode, scope))!;

export async function insertLoan(
  db: Db,
  values: typeof resourceLoans.$inferInsert,
  lines: { itemId: number; quantity: number }[],
): Promise<number> {
  const [row] = await db.insert(resourceLoans).values(values).returning({ id: resourceLoans.id });
  await db.insert(resourceLoanLines).values(lines.map((l) => ({ loanId: row!.id, itemId: l.itemId, quantity: l.quantity })));
  return row!.id;
}

export async function findLoan(db: Db, id: number): Promise<TLoanRow | undefined> {
  const [row] = await db.select().from(resourceLoans).where(eq(resourceLoans.id, id));
  return row;
}

/** The loan row locked for a step (one step at a time per loan). */
export async function lockLoan(db: Db, id: number): Promise<TLoanRow | undefined> {
  const [row] = await db.select().from(resourceLoans).where(eq(resourceLoans.id, id)).for('update');
  return row;
}

export async function updateLoan(db: Db, id: number, values: Partial<typeof resourceLoans.$inferInsert>): Promise<void> {
  await db
    .update(resourceLoans)
    .set({ ...values, version: sql`${resourceLoans.version} + 1` })
    .where(eq(resourceLoans.id, id));
}

export const loanLines = (db: Db, loanIds: number[]) =>
  loanIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          id: resourceLoanLines.id,
          loanId: resourceLoanLines.loanId,
          itemId: resourceLoanLines.itemId,
          itemCode: resourceItems.code,
          itemName: resourceItems.name,
          spec: resourceItems.spec,
          unit: resourceItems.unit,
          quantity: resourceLoanLines.quantity,
          returnedGood: resourceLoanLines.returnedGood,
          returnedDamaged: resourceLoanLines.returnedDamaged,
          consumed: resourceLoanLines.consumed,
          lost: resourceLoanLines.lost,
        })
        .from(resourceLoanLines)
        .innerJoin(resourceItems, eq(resourceItems.id, resourceLoanLines.itemId))
        .where(inArray(resourceLoanLines.loanId, loanIds))
        .orderBy(asc(resourceLoanLines.id));

/** The line's counter of each return condition. */
const CONDITION_FIELD = { good: 'returnedGood', damaged: 'returnedDamaged', consumed: 'consumed', lost: 'lost' } as const;

export async function recordReturn(db: Db, values: typeof resourceLoanReturns.$inferInsert): Promise<void> {
  await db.insert(resourceLoanReturns).values(values);
  const field = CONDITION_FIELD[values.condition];
  await db
    .update(resourceLoanLines)
    .set({ [field]: sql`${resourceLoanLines[field]} + ${values.quantity}` })
    .where(eq(resourceLoanLines.id, values.lineId));
}

export interface TLoanFilter {
  state?: TLoanState;
  overdue?: boolean;
  warehouseId?: number;
  q?: string;
  today: string;
}

function loanWhere(scope: string, f: TLoanFilter): SQL {
  return and(
    loanInScope(scope),
    f.state ? eq(resourceLoans.state, f.state) : undefined,
    f.overdue === true
      ? sql`${resourceLoans.state} IN ('issued', 'returning') AND ${resourceLoans.expectedReturnOn} < ${f.today}`
      : undefined,
    f.overdue === false
      ? sql`NOT (${resourceLoans.state} IN ('issued', 'returning') AND ${resourceLoans.expectedReturnOn} < ${f.today})`
      : undefined,
    f.warehouseId ? eq(resourceLoans.warehouseId, f.warehouseId) : undefined,
    f.q ? containsText([resourceLoans.borrowerUnit, resourceLoans.purpose], f.q) : undefined,
  )!;
}

const listColumns = {
  loan: resourceLoans,
  warehouseName: resourceWarehouses.name,
  borrowerDivisionName: sql<string>`coalesce(${divisions.name}, ${resourceLoans.borrowerDivisionCode})`,
  applicantName: users.displayName,
};

export async function listLoans(db: Db, scope: string, f: TLoanFilter, page: { limit: number; offset: number }) {
  const where = loanWhere(scope, f);
  const [rows, [count]] = await Promise.all([
    db
      .select(listColumns)
      .from(resourceLoans)
      .innerJoin(resourceWarehouses, eq(resourceWarehouses.id, resourceLoans.warehouseId))
      .innerJoin(users, eq(users.id, resourceLoans.applicantId))
      .leftJoin(divisions, eq(divisions.code, resourceLoans.borrowerDivisionCode))
      .where(where)
      .orderBy(desc(resourceLoans.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(resourceLoans)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** A loan line as `loanLines` answers it. */
export type TLoanLine = Awaited<ReturnType<typeof loanLines>>[number];

/**
 * A page of the loan list in one statement: each loan with its lines (as `loanLines`, in line order) and the total
 * of the filter. A page past the end asks the total again.
 */
export async function loanPage(db: Db, scope: string, f: TLoanFilter, page: { limit: number; offset: number }) {
  const where = loanWhere(scope, f);
  const query = db
    .select({
      ...listColumns,
      total: sql<number>`(count(*) OVER ())::int`,
      lines: sql<
        TLoanLine[]
      >`(SELECT coalesce(json_agg(json_build_object('id', ll.id, 'loanId', ll.loan_id, 'itemId', ll.item_id, 'itemCode', ri.code,
          'itemName', ri.name, 'spec', ri.spec, 'unit', ri.unit, 'quantity', ll.quantity, 'returnedGood', ll.returned_good,
          'returnedDamaged', ll.returned_damaged, 'consumed', ll.consumed, 'lost', ll.lost) ORDER BY ll.id), '[]'::json)
          FROM resource_loan_lines ll JOIN resource_items ri ON ri.id = ll.item_id WHERE ll.loan_id = ${resourceLoans.id})`,
    })
    .from(resourceLoans)
    .innerJoin(resourceWarehouses, eq(resourceWarehouses.id, resourceLoans.warehouseId))
    .innerJoin(users, eq(users.id, resourceLoans.applicantId))
    .leftJoin(divisions, eq(divisions.code, resourceLoans.borrowerDivisionCode))
    .where(where)
    .orderBy(desc(resourceLoans.id))
    .limit(page.limit)
    .offset(page.offset);
  const rows = await query.prepare(statementName(query.toSQL().sql)).execute();
  if (rows.length > 0 || page.offset === 0) return { rows, total: rows[0]?.total ?? 0 };
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(resourceLoans)
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function loanListRow(db: Db, id: number) {
  const [row] = await db
    .select(listColumns)
    .from(resourceLoans)
    .innerJoin(resourceWarehouses, eq(resourceWarehouses.id, resourceLoans.warehouseId))
    .innerJoin(users, eq(users.id, resourceLoans.applicantId))
    .leftJoin(divisions, eq(divisions.code, resourceLoans.borrowerDivisionCode))
    .where(eq(resourceLoans.id, id));
  return row;
}

export async function userNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Loans lent and not settled past their expected return, in scope (the workbench and the alerts). */
export async function overdueLoans(db: Db, scope: string, today: string) {
  return db
    .select({
      id: resourceLoans.id,
      warehouseId: resourceLoans.warehouseId,
      warehouseName: resourceWarehouses.name,
      divisionCode: resourceWarehouses.divisionCode,
      borrowerUnit: resourceLoans.borrowerUnit,
      expectedReturnOn: resourceLoans.expectedReturnOn,
    })
    .from(resourceLoans)
    .innerJoin(resourceWarehouses, eq(resourceWarehouses.id, resourceLoans.warehouseId))
    .where(
      and(loanInScope(scope), sql`${resourceLoans.state} IN ('issued', 'returning')`, sql`${resourceLoans.expectedReturnOn} < ${today}`),
    )
    .orderBy(asc(resourceLoans.expectedReturnOn))
    .limit(1000);
}

/** Counts for the workbench: loans waiting for an approval the user may give, approved loans waiting to be issued. */
export async function pendingCounts(db: Db, scope: string, userId: number) {
  const [row] = await db
    .select({
      toApprove: sql<number>`count(*) FILTER (WHERE ${resourceLoans.state} = 'requested' AND ${resourceLoans.applicantId} <> ${userId}
                              AND ${resourceLoans.firstApproverId} IS DISTINCT FROM ${userId})::int`,
      toIssue: sql<number>`count(*) FILTER (WHERE ${resourceLoans.state} = 'approved')::int`,
    })
    .from(resourceLoans)
    .where(and(inScopeSql(resourceLoans.divisionCode, scope), sql`${resourceLoans.state} IN ('requested', 'approved')`));
  return { toApprove: row?.toApprove ?? 0, toIssue: row?.toIssue ?? 0 };
}
