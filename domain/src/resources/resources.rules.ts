/**
 * Pure rules of the resources module: receipts (3C, dates, two acceptors), earliest-expiry-first issue, loan steps
 * and returns, alerts. `today` is the bureau's calendar date (YYYY-MM-DD), passed in.
 */
import { addDaysToDate } from '../shared/time';
import type { TLoanState, TReturnCondition } from './resources.data';

export interface TReceiptLineFacts {
  itemName: string;
  requires3c: boolean;
  quantity: number;
  producedOn: string | null;
  expiresOn: string | null;
  certificate3c: string | null;
}

/**
 * 采购灭火物资时严格查验3C认证和有效期 (seed §二(二)4(10)): a 3C item needs its certificate; expiry after production.
 * The fault names the line's field at fault, so the form can show it on that field.
 */
export function receiptLineFault(line: TReceiptLineFacts): { field: 'quantity' | 'certificate3c' | 'expiresOn'; message: string } | null {
  if (!(line.quantity > 0)) return { field: 'quantity', message: `${line.itemName}：入库数量必须大于 0` };
  if (line.requires3c && !line.certificate3c?.trim())
    return { field: 'certificate3c', message: `${line.itemName}属于强制性产品认证（3C）目录，必须填写 3C 证书编号` };
  if (line.producedOn && line.expiresOn && line.expiresOn <= line.producedOn)
    return { field: 'expiresOn', message: `${line.itemName}：有效期至不能早于或等于生产日期` };
  return null;
}

/** The message of `receiptLineFault`. */
export const receiptLineProblem = (line: TReceiptLineFacts): string | null => receiptLineFault(line)?.message ?? null;

/**
 * A catalogue entry changed once stock exists keeps its unit: the lots' quantities are counted in it, and a new unit
 * would silently change what every balance means.
 */
export function itemChangeProblem(before: { unit: string }, after: { unit: string }, lotCount: number): string | null {
  if (lotCount > 0 && before.unit !== after.unit.trim())
    return `该物资已有 ${lotCount} 个库存批次，计量单位不能从“${before.unit}”改为“${after.unit.trim()}”`;
  return null;
}

/** Acceptance (验收) is signed by at least two different people. */
export function acceptorsProblem(names: readonly string[]): string | null {
  const distinct = new Set(names.map((n) => n.trim()).filter((n) => n.length > 0));
  return distinct.size >= 2 ? null : '入库验收须由至少两名不同的验收人签字';
}

export interface TLotStock {
  id: number;
  balance: number;
  expiresOn: string | null;
}

/**
 * Earliest expiry first (先到期先出): the lots to take `quantity` from, unexpired lots by expiry (no expiry last), then
 * by id; null when the unexpired stock is short.
 */
export function pickLotsFefo(lots: readonly TLotStock[], quantity: number, today: string): { lotId: number; quantity: number }[] | null {
  const usable = lots
    .filter((l) => l.balance > 0 && (l.expiresOn === null || l.expiresOn >= today))
    .sort((a, b) => (a.expiresOn ?? '9999-12-31').localeCompare(b.expiresOn ?? '9999-12-31') || a.id - b.id);
  const out: { lotId: number; quantity: number }[] = [];
  let left = quantity;
  for (const l of usable) {
    if (left <= 0) break;
    const take = Math.min(l.balance, left);
    out.push({ lotId: l.id, quantity: take });
    left -= take;
  }
  return left > 0 ? null : out;
}

/** An outgoing movement never takes more than the lot holds. */
export function outgoingProblem(balance: number, quantity: number, what: string): string | null {
  if (!(quantity > 0)) return `${what}数量必须大于 0`;
  if (quantity > balance) return `${what}数量 ${quantity} 超过该批次结存 ${balance}，不能出库`;
  return null;
}

export interface TLoanFacts {
  state: TLoanState;
  applicantId: number;
  needsSecondApproval: boolean;
  firstApproverId: number | null;
  secondApproverId: number | null;
}

export type TLoanAction = 'approve' | 'refuse' | 'cancel' | 'issue' | 'return';

/**
 * Whether the user may take this step of the loan (出借审批流程): approval and refusal by someone other than the
 * applicant, the second level by someone other than the first approver; issue after approval; returns after issue.
 */
export function loanActionProblem(loan: TLoanFacts, action: TLoanAction, userId: number): string | null {
  switch (action) {
    case 'approve':
    case 'refuse':
      if (loan.state !== 'requested') return '只有待审批的出借申请可以审批';
      if (userId === loan.applicantId) return '申请人不能审批自己的出借申请';
      if (loan.firstApproverId !== null && userId === loan.firstApproverId) return '第二级审批须由第一级审批人以外的人进行';
      return null;
    case 'cancel':
      if (loan.state !== 'requested' && loan.state !== 'approved') return '已出库的出借不能撤回';
      if (userId !== loan.applicantId) return '只有申请人可以撤回出借申请';
      return null;
    case 'issue':
      if (loan.state !== 'approved') return loan.state === 'requested' ? '出借申请尚未审批完毕，不能出库' : '该出借不在待出库状态';
      return null;
    case 'return':
      if (loan.state !== 'issued' && loan.state !== 'returning') return '只有已出借的物资可以登记归还';
      return null;
  }
}

/** The state after an approval: the second level first when it is needed and not yet given. */
export function stateAfterApproval(loan: TLoanFacts): { state: TLoanState; level: 1 | 2 } {
  if (loan.firstApproverId === null) return { state: loan.needsSecondApproval ? 'requested' : 'approved', level: 1 };
  return { state: 'approved', level: 2 };
}

/** Above the value or for a listed item, a loan needs a second approval (settings). */
export function needsSecondApproval(
  lines: readonly { itemCode: string; quantity: number; unitPriceFen: number }[],
  settings: { secondApprovalAboveFen: number; secondApprovalItemCodes: readonly string[] },
): boolean {
  const value = lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0);
  return value > settings.secondApprovalAboveFen || lines.some((l) => settings.secondApprovalItemCodes.includes(l.itemCode));
}

export interface TLoanLineBalance {
  lineId: number;
  itemName: string;
  lent: number;
  accounted: number;
}

/** A return never accounts for more than was lent and not yet returned, line by line. */
export function returnProblem(
  lines: readonly TLoanLineBalance[],
  returned: readonly { lineId: number; quantity: number; condition: TReturnCondition }[],
): string | null {
  if (returned.length === 0) return '请至少登记一项归还';
  const sums = new Map<number, number>();
  for (const r of returned) {
    if (!(r.quantity > 0)) return '归还数量必须大于 0';
    sums.set(r.lineId, (sums.get(r.lineId) ?? 0) + r.quantity);
  }
  for (const [lineId, q] of sums) {
    const line = lines.find((l) => l.lineId === lineId);
    if (!line) return '归还的物资不在本次出借清单中';
    const open = line.lent - line.accounted;
    if (q > open) return `${line.itemName}归还数量 ${q} 超过未归还数量 ${open}`;
  }
  return null;
}

/** Every line accounted for (returned in any condition): the loan is closed. */
export const loanSettled = (lines: readonly TLoanLineBalance[]): boolean => lines.every((l) => l.accounted >= l.lent);

/** Overdue: lent and not settled after the expected return date (the day itself is still in time). */
export const isLoanOverdue = (loan: { state: TLoanState; expectedReturnOn: string }, today: string): boolean =>
  (loan.state === 'issued' || loan.state === 'returning') && loan.expectedReturnOn < today;

/** A lot's expiry status on `today`. */
export function expiryStatus(expiresOn: string | null, today: string, expiringDays: number): 'expired' | 'expiring' | null {
  if (!expiresOn) return null;
  if (expiresOn < today) return 'expired';
  if (expiresOn <= addDaysToDate(today, expiringDays)) return 'expiring';
  return null;
}

/**
 * How far a warehouse's stock of an item is short of its minimum (最低储备), counting only what could be issued today:
 * expired lots are not reserve, as they cannot be issued (an item expiring today still can). 0 when the minimum is met
 * or none is set.
 */
export function reserveShortfall(lots: readonly Pick<TLotStock, 'balance' | 'expiresOn'>[], minimum: number | null, today: string): number {
  if (minimum === null) return 0;
  const usable = lots.reduce((sum, l) => sum + (l.balance > 0 && (l.expiresOn === null || l.expiresOn >= today) ? l.balance : 0), 0);
  return Math.max(0, minimum - usable);
}

/** Next maintenance date (保养): the last one (or receipt) plus the item's interval; null when the item needs none. */
export const maintenanceDueOn = (lastOn: string, intervalDays: number | null): string | null =>
  intervalDays && intervalDays > 0 ? addDaysToDate(lastOn, intervalDays) : null;

/** A stocktake adjustment is approved by someone other than the counter. */
export function adjustmentApprovalProblem(counterId: number, approverId: number): string | null {
  return counterId === approverId ? '盘点调整须由盘点人以外的人审批' : null;
}
