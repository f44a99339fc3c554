/**
 * Loans of emergency supplies (出借): request → approval by someone other than the applicant (a second level above a
 * value or for listed items) → issue by the keeper (earliest expiry first) → returns with their condition → closed.
 * Each step locks the loan, checks `loanActionProblem`, writes its movements, steps and audit entry in one transaction
 * and raises `resources.loan_changed`. The approval documents are attachments linked to the loan.
 */
import {
  AppError,
  LOAN_STATE_LABELS,
  RETURN_CONDITION_LABELS,
  can,
  isLoanOverdue,
  loanActionProblem,
  loanSettled,
  needsSecondApproval,
  returnProblem,
  stateAfterApproval,
  type TLoanAction,
  type TLoanDetail,
  type TLoanListItem,
  type ZLoanCreateSchema,
  type ZLoanDecisionSchema,
  type ZLoanListQuerySchema,
  type ZLoanReturnSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { TLoanStepRow } from '../../db/schema';
import { actorSees, requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import type { TAttachmentService } from '../attachment/attachment.service';
import { readerInScope } from '../attachment/attachment.service';
import * as repo from './loan.repo';
import * as lotRepo from './lot.repo';
import { cityOf } from './resources.access';
import type { TResourcesService } from './resources.service';
import { findItems, findWarehouse } from './warehouse.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings' | 'events'> & { attachments: TAttachmentService; stock: TResourcesService };
const NOT_FOUND = '出借记录不存在';
const rule = (message: string, field?: string) => new AppError('rule_violation', message, field ? { field } : {});
export const loanNumber = (row: { id: number; requestedAt: string }) =>
  `JC${row.requestedAt.slice(0, 4)}-${String(row.id).padStart(4, '0')}`;

type TListRow = Awaited<ReturnType<typeof repo.listLoans>>['rows'][number];
type TLineRow = Awaited<ReturnType<typeof repo.loanLines>>[number];

export function createLoanService({ db, clock, audit, settings, events, attachments, stock }: TDeps) {
  attachments.registerReader(
    'loan',
    readerInScope('resources.read', async (tx, id) => {
      const loan = await repo.findLoan(tx, id);
      return loan?.divisionCode;
    }),
  );
  const today = stock.today;

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

  const outstanding = (l: TLineRow) => l.quantity - l.returnedGood - l.returnedDamaged - l.consumed - l.lost;

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
    if (!r) throw new AppError('not_found', NOT_FOUND);
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
      throw new AppError('not_found', NOT_FOUND);
    return detailOf(ctx, id);
  }

  async function list(ctx: TRequestContext, q: z.output<typeof ZLoanListQuerySchema>): Promise<{ items: TLoanListItem[]; total: number }> {
    const actor = requirePermission(ctx, 'resources.read');
    const now = today();
    const { rows, total } = await repo.loanPage(
      db,
      actor.divisionCode,
      { ...q, overdue: q.overdue === undefined ? undefined : q.overdue === 'true', today: now },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return {
      items: rows.map((r) => toListItem(r, r.lines, now)),
      total,
    };
  }

  const step = (actor: TActorContext, action: string, at: string, note: string): TLoanStepRow => ({
    action,
    byId: actor.id,
    byName: actor.displayName,
    at,
    note,
  });

  async function emitChange(tx: Db, ctx: TRequestContext, loan: repo.TLoanRow, state: string, action: string, at: string) {
    await events.emit(
      tx,
      'resources.loan_changed',
      {
        loanId: loan.id,
        state,
        action,
        applicantId: loan.applicantId,
        approverIds: [loan.firstApproverId, loan.secondApproverId].filter((i): i is number => i !== null),
        occurredAt: at,
        summary: `出借 ${loanNumber(loan)}（${loan.borrowerUnit}）：${action}`,
      },
      ctx,
    );
  }

  async function create(ctx: TRequestContext, input: z.output<typeof ZLoanCreateSchema>): Promise<TLoanDetail> {
    const actor = requirePermission(ctx, 'resources.loan');
    if (!actorSees(actor, input.borrowerDivisionCode))
      throw new AppError('invalid', '借用单位所属区划不在您的管辖范围内', { field: 'borrowerDivisionCode' });
    if (input.expectedReturnOn < today()) throw new AppError('invalid', '预计归还日期不能早于今天', { field: 'expectedReturnOn' });
    const at = clock().toISOString();
    const s = await settings.get('resources');
    const id = await db.transaction(async (tx) => {
      const w = await findWarehouse(tx, input.warehouseId);
      if (!w || !actorSees({ divisionCode: cityOf(actor) }, w.divisionCode))
        throw new AppError('not_found', '仓库不存在', { field: 'warehouseId' });
      const items = new Map(
        (
          await findItems(
            tx,
            input.lines.map((l) => l.itemId),
          )
        ).map((i) => [i.id, i]),
      );
      const lines = input.lines.map((l, i) => {
        const item = items.get(l.itemId);
        if (!item) throw new AppError('invalid', `第 ${i + 1} 项：物资不在目录中`, { field: `lines.${i}.itemId` });
        return { ...l, itemCode: item.code, unitPriceFen: item.unitPriceFen };
      });
      if (new Set(lines.map((l) => l.itemId)).size !== lines.length)
        throw new AppError('invalid', '同一物资请合并为一项', { field: 'lines' });
      await attachments.requireExisting(tx, ctx, input.documents, 'documents');
      const loanId = await repo.insertLoan(
        tx,
        {
          warehouseId: w.id,
          divisionCode: w.divisionCode,
          borrowerDivisionCode: input.borrowerDivisionCode,
          borrowerUnit: input.borrowerUnit,
          contact: input.contact,
          contactPhone: input.contactPhone,
          purpose: input.purpose,
          expectedReturnOn: input.expectedReturnOn,
          state: 'requested',
          applicantId: actor.id,
          needsSecondApproval: needsSecondApproval(lines, s),
          valueFen: lines.reduce((sum, l) => sum + l.quantity * l.unitPriceFen, 0),
          documents: input.documents,
          steps: [step(actor, '提出申请', at, input.purpose)],
          requestedAt: at,
        },
        lines,
      );
      await attachments.link(tx, 'loan', loanId, input.documents);
      const loan = (await repo.findLoan(tx, loanId))!;
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'resource_loan',
        entityId: loanId,
        after: input,
        divisionCode: w.divisionCode,
      });
      await emitChange(tx, ctx, loan, 'requested', '提出申请', at);
      return loanId;
    });
    return detailOf(ctx, id);
  }

  /** One step on a locked loan: permission, scope, the rule, then `apply` and the audit entry and event. */
  async function act(
    ctx: TRequestContext,
    id: number,
    action: TLoanAction,
    apply: (
      tx: Db,
      actor: TActorContext,
      loan: repo.TLoanRow,
      at: string,
    ) => Promise<{ values: Partial<repo.TLoanRow>; label: string; note: string; documents?: string[] }>,
  ): Promise<TLoanDetail> {
    const permission =
      action === 'approve' || action === 'refuse' ? 'resources.approve' : action === 'cancel' ? 'resources.loan' : 'resources.manage';
    const actor = requirePermission(ctx, permission);
    const at = clock().toISOString();
    await db.transaction(async (tx) => {
      const loan = await repo.lockLoan(tx, id);
      const visible =
        loan &&
        (action === 'cancel'
          ? actorSees(actor, loan.borrowerDivisionCode) || actorSees(actor, loan.divisionCode)
          : actorSees(actor, loan.divisionCode));
      if (!loan || !visible) throw new AppError('not_found', NOT_FOUND);
      const problem = loanActionProblem(loan, action, actor.id);
      if (problem) throw rule(problem);
      const { values, label, note, documents = [] } = await apply(tx, actor, loan, at);
      if (documents.length > 0) {
        await attachments.requireExisting(tx, ctx, documents, 'documents');
        await attachments.link(tx, 'loan', id, documents);
      }
      const after = {
        ...values,
        documents: [...loan.documents, ...documents.filter((d) => !loan.documents.includes(d))],
        steps: [...loan.steps, step(actor, label, at, note)],
      };
      await repo.updateLoan(tx, id, after);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'resource_loan',
        entityId: id,
        before: { state: loan.state },
        after: { action: label, state: values.state ?? loan.state, note },
        divisionCode: loan.divisionCode,
      });
      await emitChange(tx, ctx, { ...loan, ...values } as repo.TLoanRow, values.state ?? loan.state, label, at);
    });
    return detailOf(ctx, id);
  }

  const approve = (ctx: TRequestContext, id: number, input: z.output<typeof ZLoanDecisionSchema>) =>
    act(ctx, id, 'approve', async (_tx, actor, loan) => {
      const next = stateAfterApproval(loan);
      const values =
        next.level === 1 ? { state: next.state, firstApproverId: actor.id } : { state: next.state, secondApproverId: actor.id };
      const label = next.level === 1 ? (loan.needsSecondApproval ? '第一级审批同意' : '审批同意') : '第二级审批同意';
      return { values, label, note: input.note, documents: input.documents };
    });

  const refuse = (ctx: TRequestContext, id: number, input: z.output<typeof ZLoanDecisionSchema>) =>
    act(ctx, id, 'refuse', async () => {
      if (!input.note) throw new AppError('invalid', '不同意时请填写审批意见', { field: 'note' });
      return { values: { state: 'refused' as const }, label: '审批不同意', note: input.note, documents: input.documents };
    });

  const cancel = (ctx: TRequestContext, id: number, input: z.output<typeof ZLoanDecisionSchema>) =>
    act(ctx, id, 'cancel', async () => ({ values: { state: 'cancelled' as const }, label: '申请人撤回', note: input.note }));

  /** The keeper issues every line, earliest expiry first; short stock refuses the whole issue. */
  const issue = (ctx: TRequestContext, id: number, input: z.output<typeof ZLoanDecisionSchema>) =>
    act(ctx, id, 'issue', async (tx, actor, loan, at) => {
      for (const line of await repo.loanLines(tx, [id])) {
        const picks = await stock.picksFor(tx, loan.warehouseId, line.itemId, line.quantity).catch((e: unknown) => {
          throw e instanceof AppError ? rule(`${line.itemName}：${e.message}`, 'lines') : e;
        });
        await stock.takeOut(tx, actor, picks, {
          kind: 'loan_out',
          counterparty: loan.borrowerUnit,
          note: loanNumber(loan),
          loanId: id,
          at,
        });
      }
      return { values: { state: 'issued' as const, issuedOn: today() }, label: '出库', note: input.note, documents: input.documents };
    });

  /** Returns: good ones go back into the lot they were lent from; damaged, consumed and lost are recorded. */
  const recordReturn = (ctx: TRequestContext, id: number, input: z.output<typeof ZLoanReturnSchema>) =>
    act(ctx, id, 'return', async (tx, actor, loan, at) => {
      if (input.returnedOn > today()) throw new AppError('invalid', '归还日期不能晚于今天', { field: 'returnedOn' });
      if (loan.issuedOn && input.returnedOn < loan.issuedOn)
        throw new AppError('invalid', '归还日期不能早于出借日期', { field: 'returnedOn' });
      const lines = await repo.loanLines(tx, [id]);
      const balances = lines.map((l) => ({ lineId: l.id, itemName: l.itemName, lent: l.quantity, accounted: l.quantity - outstanding(l) }));
      const problem = returnProblem(balances, input.items);
      if (problem) throw rule(problem, 'items');
      for (const r of input.items) {
        const line = lines.find((l) => l.id === r.lineId)!;
        await repo.recordReturn(tx, {
          loanId: id,
          lineId: r.lineId,
          quantity: r.quantity,
          condition: r.condition,
          returnedOn: input.returnedOn,
          note: r.note,
          byUser: actor.id,
          at,
        });
        if (r.condition === 'good') {
          const lot = await lotRepo.loanOutLot(tx, id, line.itemId);
          if (!lot) throw new AppError('conflict', `${line.itemName}的出借批次不存在`);
          await lotRepo.addToLot(tx, lot.id, r.quantity);
          await lotRepo.insertMovement(tx, {
            lot,
            kind: 'loan_return',
            quantity: r.quantity,
            counterparty: loan.borrowerUnit,
            note: loanNumber(loan),
            loanId: id,
            byUser: actor.id,
            at,
          });
        }
      }
      const after = balances.map((b) => ({
        ...b,
        accounted: b.accounted + input.items.filter((r) => r.lineId === b.lineId).reduce((s, r) => s + r.quantity, 0),
      }));
      const settled = loanSettled(after);
      const note = input.items
        .map(
          (r) =>
            `${lines.find((l) => l.id === r.lineId)!.itemName} ${r.quantity}（${RETURN_CONDITION_LABELS[r.condition]}${r.note ? `：${r.note}` : ''}）`,
        )
        .join('；');
      return {
        values: settled ? { state: 'closed' as const, closedOn: input.returnedOn } : { state: 'returning' as const },
        label: settled ? '全部归还，结清' : '部分归还',
        note,
      };
    });

  /** The loan ledger (出借台账): one row per item lent, with name, spec, quantity and term (seed §二(二)4(10)). */
  async function ledger(ctx: TRequestContext, q: Omit<z.output<typeof ZLoanListQuerySchema>, 'page' | 'pageSize'>) {
    const actor = requirePermission(ctx, 'resources.read');
    const now = today();
    const { rows } = await repo.listLoans(
      db,
      actor.divisionCode,
      { ...q, overdue: q.overdue === undefined ? undefined : q.overdue === 'true', today: now },
      { limit: 10_000, offset: 0 },
    );
    const lines = await repo.loanLines(
      db,
      rows.map((r) => r.loan.id),
    );
    const names = await repo.userNames(
      db,
      rows.flatMap((r) => [r.loan.firstApproverId, r.loan.secondApproverId]),
    );
    const byId = new Map(rows.map((r) => [r.loan.id, r]));
    type TRow = { r: TListRow; l: TLineRow };
    const data: TRow[] = lines.map((l) => ({ r: byId.get(l.loanId)!, l })).sort((a, b) => b.r.loan.id - a.r.loan.id || a.l.id - b.l.id);
    const name = (id: number | null) => (id ? (names.get(id) ?? '') : '');
    const body = await ledgerBuffer([
      ledgerSheet<TRow>(
        '出借台账',
        [
          { header: '出借单号', width: 14, value: (x) => loanNumber(x.r.loan) },
          { header: '借用单位', width: 24, value: (x) => x.r.loan.borrowerUnit },
          { header: '所属镇街', width: 12, value: (x) => x.r.borrowerDivisionName },
          { header: '联系人', width: 10, value: (x) => x.r.loan.contact },
          { header: '联系电话', width: 14, value: (x) => x.r.loan.contactPhone },
          { header: '物资名称', width: 16, value: (x) => x.l.itemName },
          { header: '规格型号', width: 20, value: (x) => x.l.spec },
          { header: '单位', width: 6, value: (x) => x.l.unit },
          { header: '出借数量', width: 10, value: (x) => x.l.quantity },
          { header: '用途', width: 24, value: (x) => x.r.loan.purpose },
          { header: '出借仓库', width: 18, value: (x) => x.r.warehouseName },
          { header: '经办人（申请人）', width: 12, value: (x) => x.r.applicantName },
          { header: '审批人', width: 10, value: (x) => name(x.r.loan.firstApproverId) },
          { header: '二级审批人', width: 10, value: (x) => name(x.r.loan.secondApproverId) },
          { header: '出借日期', width: 12, value: (x) => x.r.loan.issuedOn },
          { header: '使用期限（预计归还）', width: 14, value: (x) => x.r.loan.expectedReturnOn },
          { header: '完好归还', width: 10, value: (x) => x.l.returnedGood },
          { header: '损坏', width: 8, value: (x) => x.l.returnedDamaged },
          { header: '已消耗', width: 8, value: (x) => x.l.consumed },
          { header: '丢失', width: 8, value: (x) => x.l.lost },
          { header: '未归还', width: 8, value: (x) => outstanding(x.l) },
          { header: '状态', width: 12, value: (x) => LOAN_STATE_LABELS[x.r.loan.state] },
          { header: '是否逾期', width: 8, value: (x) => (isLoanOverdue(x.r.loan, now) ? '逾期' : '') },
        ],
        data,
      ),
    ]);
    await db.transaction((tx) =>
      audit.record(tx, ctx, {
        action: 'export',
        entity: 'resource_loan',
        after: { ...q, rows: data.length },
        divisionCode: actor.divisionCode,
      }),
    );
    return { body, fileName: ledgerFileName('出借台账', clock()), date: now };
  }

  return { list, get, create, approve, refuse, cancel, issue, recordReturn, ledger };
}
export type TLoanService = ReturnType<typeof createLoanService>;
