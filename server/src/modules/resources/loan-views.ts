/**
 * The read side of loans (出借): the list and a loan's detail with what the reader may do next. The writes are in
 * loan.service.ts, the ledger export in loan-ledger.ts.
 */
import {
  AppError,
  can,
  isLoanOverdue,
  loanActionProblem,
  loanEndpoints,
  type TLoanAction,
  type TLoanDetail,
  type TLoanListItem,
  type ZLoanListQuerySchema,
} from '@yingji/domain';
import type { z } from 'zod';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import { createKeptJson } from '../../kit/snapshot-cache';
import * as repo from './loan.repo';

export const LOAN_NOT_FOUND = '出借记录不存在';
export const loanNumber = (row: { id: number; requestedAt: string }) =>
  `JC${row.requestedAt.slice(0, 4)}-${String(row.id).padStart(4, '0')}`;

export type TListRow = Awaited<ReturnType<typeof repo.listLoans>>['rows'][number];
export type TLineRow = Awaited<ReturnType<typeof repo.loanLines>>[number];

/** What of a line is still out: lent less returned good or damaged, consumed and lost. */
export const outstanding = (l: TLineRow) => l.quantity - l.returnedGood - l.returnedDamaged - l.consumed - l.lost;

export function createLoanViews({ db, clock, today }: Pick<TCore, 'db' | 'clock'> & { today: () => string }) {
  // pages of the loan ledger (kit/snapshot-cache.ts `createKeptJson`): a scope's pages, filters and days
  const keptPages = createKeptJson(loanEndpoints.list.response, 256);

  const toListItem = (r: TListRow, lines: TLineRow[], now: string): TLoanListItem => ({
    id: r.loan.id,
    number: loanNumber(r.loan),
    state: r.loan.state,
    warehouseId: r.loan.warehouseId,
    warehouseName: r.warehouseName,
    borrowerUnit: r.loan.borrowerUnit,
    borrowerDivisionName: r.borrowerDivisionName,
    applicantName: r.applicantName,
    purpose: r.loan.purpose,
    requestedAt: r.loan.requestedAt,
    expectedReturnOn: r.loan.expectedReturnOn,
    issuedOn: r.loan.issuedOn,
    overdue: isLoanOverdue(r.loan, now),
    summary: lines.map((l) => `${l.itemName} ${l.quantity}${l.unit}`).join('、'),
  });

  function allowed(actor: TActorContext | null, loan: repo.TLoanRow, action: TLoanAction): boolean {
    if (!actor) return false;
    const permission =
      action === 'approve' || action === 'refuse' ? 'resources.approve' : action === 'cancel' ? 'resources.loan' : 'resources.manage';
    if (!can(actor.role, permission)) return false;
    if (action !== 'cancel' && !actorSees(actor, loan.divisionCode)) return false;
    return loanActionProblem(loan, action, actor.id) === null;
  }

  async function detailOf(ctx: TRequestContext, id: number): Promise<TLoanDetail> {
    const r = await repo.loanListRow(db, id);
    if (!r) throw new AppError('not_found', LOAN_NOT_FOUND);
    const lines = await repo.loanLines(db, [id]);
    const names = await repo.userNames(db, [r.loan.firstApproverId, r.loan.secondApproverId]);
    const loan = r.loan;
    return {
      ...toListItem(r, lines, today()),
      contact: loan.contact,
      contactPhone: loan.contactPhone,
      needsSecondApproval: loan.needsSecondApproval,
      firstApproverName: loan.firstApproverId ? (names.get(loan.firstApproverId) ?? null) : null,
      secondApproverName: loan.secondApproverId ? (names.get(loan.secondApproverId) ?? null) : null,
      valueFen: loan.valueFen,
      lines: lines.map((l) => ({ ...l, outstanding: outstanding(l) })),
      steps: loan.steps.map((s) => ({ action: s.action, byName: s.byName, at: s.at, note: s.note })),
      documents: loan.documents,
      can: {
        approve: allowed(ctx.actor, loan, 'approve'),
        refuse: allowed(ctx.actor, loan, 'refuse'),
        cancel: allowed(ctx.actor, loan, 'cancel'),
        issue: allowed(ctx.actor, loan, 'issue'),
        return: allowed(ctx.actor, loan, 'return'),
      },
    };
  }

  async function get(ctx: TRequestContext, id: number): Promise<TLoanDetail> {
    const actor = requirePermission(ctx, 'resources.read');
    const loan = await repo.findLoan(db, id);
    if (!loan || !(actorSees(actor, loan.divisionCode) || actorSees(actor, loan.borrowerDivisionCode)))
      throw new AppError('not_found', LOAN_NOT_FOUND);
    return detailOf(ctx, id);
  }

  /** A page of the loan ledger as JSON text, kept while nothing changed (by scope, query and day). */
  async function list(ctx: TRequestContext, q: z.output<typeof ZLoanListQuerySchema>): Promise<string> {
    const actor = requirePermission(ctx, 'resources.read');
    const now = today();
    return keptPages(db, `${actor.divisionCode}|${now}|${JSON.stringify(q)}`, clock(), () => page(actor, q, now));
  }

  async function page(actor: TActorContext, q: z.output<typeof ZLoanListQuerySchema>, now: string) {
    const { rows, total } = await repo.loanPage(
      db,
      actor.divisionCode,
      { ...q, overdue: q.overdue === undefined ? undefined : q.overdue === 'true', today: now },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    const items: TLoanListItem[] = rows.map((r) => toListItem(r, r.lines, now));
    return { items, total };
  }

  return { list, get, detailOf };
}
