/**
 * Loans of emergency supplies (出借): request → approval by someone other than the applicant (a second level above a
 * value or for listed items) → issue by the keeper (earliest expiry first) → returns with their condition → closed.
 * Each step locks the loan, checks `loanActionProblem`, writes its movements, steps and audit entry in one transaction
 * and raises `resources.loan_changed`. The approval documents are attachments linked to the loan. The list and detail
 * are read in loan-views.ts, the ledger (出借台账) exported in loan-ledger.ts.
 */
import {
  AppError,
  RETURN_CONDITION_LABELS,
  loanActionProblem,
  loanSettled,
  needsSecondApproval,
  returnProblem,
  stateAfterApproval,
  type TLoanAction,
  type TLoanDetail,
  type ZLoanCreateSchema,
  type ZLoanDecisionSchema,
  type ZLoanReturnSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { TLoanStepRow } from '../../db/schema';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import type { TAttachmentService } from '../attachment/attachment.service';
import { readerInScope } from '../attachment/attachment.service';
import * as repo from './loan.repo';
import * as lotRepo from './lot.repo';
import { cityOf } from './resources.access';
import type { TResourcesService } from './resources.service';
import { findItems, findWarehouse } from './warehouse.repo';
import { createLoanLedger } from './loan-ledger';
import { createLoanViews, LOAN_NOT_FOUND, loanNumber, outstanding } from './loan-views';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings' | 'events'> & { attachments: TAttachmentService; stock: TResourcesService };
const rule = (message: string, field?: string) => new AppError('rule_violation', message, field ? { field } : {});

export function createLoanService({ db, clock, audit, settings, events, attachments, stock }: TDeps) {
  attachments.registerReader(
    'loan',
    readerInScope('resources.read', async (tx, id) => {
      const loan = await repo.findLoan(tx, id);
      return loan?.divisionCode;
    }),
  );
  const today = stock.today;

  const { list, get, detailOf } = createLoanViews({ db, clock, today });
  const { ledger } = createLoanLedger({ db, clock, audit, today });

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
      if (!loan || !visible) throw new AppError('not_found', LOAN_NOT_FOUND);
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
      // in item order: two issues from one warehouse then lock its lots' kept stock (resource_stock) in the same order
      for (const line of (await repo.loanLines(tx, [id])).sort((a, b) => a.itemId - b.itemId)) {
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

  return { list, get, create, approve, refuse, cancel, issue, recordReturn, ledger };
}
export type TLoanService = ReturnType<typeof createLoanService>;
