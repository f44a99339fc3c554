/** The loan ledger (出借台账) in Excel, through the one ledger exporter; the export is audited. */
import { LOAN_STATE_LABELS, isLoanOverdue, type ZLoanListQuerySchema } from '@yingji/domain';
import type { z } from 'zod';
import { requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import * as repo from './loan.repo';
import { loanNumber, outstanding, type TLineRow, type TListRow } from './loan-views';

export function createLoanLedger({ db, clock, audit, today }: Pick<TCore, 'db' | 'clock' | 'audit'> & { today: () => string }) {
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

  return { ledger };
}
