import {
  bureauDate,
  HAZARD_CATEGORY_LABELS,
  HAZARD_LEVEL_LABELS,
  HAZARD_SOURCE_LABELS,
  HAZARD_STATE_LABELS,
  isHazardOverdue,
  type THazardCategory,
  type THazardExportQuery,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import { ledgerFileName, ledgerStream, type TLedgerColumn } from '../../../kit/ledger-export';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import { hazardActor, viewerOf } from './hazard-access';
import * as repo from './hazard.repo';

/** The most rows one export carries (a province's open list fits; a wider filter is asked to narrow). */
export const HAZARD_EXPORT_MAX_ROWS = 100_000;

const columns = (now: Date): TLedgerColumn<repo.THazardItemRow>[] => [
  { header: '隐患编号', width: 10, value: (r) => r.id },
  { header: '企业名称', width: 36, value: (r) => r.enterpriseName },
  { header: '所属镇街', width: 12, value: (r) => r.townName ?? r.divisionCode },
  { header: '隐患等级', width: 10, value: (r) => HAZARD_LEVEL_LABELS[r.level] },
  { header: '隐患类别', width: 16, value: (r) => HAZARD_CATEGORY_LABELS[r.category as THazardCategory] ?? r.category },
  { header: '隐患来源', width: 10, value: (r) => HAZARD_SOURCE_LABELS[r.source] },
  { header: '隐患描述', width: 48, value: (r) => r.description },
  { header: '隐患部位', width: 20, value: (r) => r.location },
  { header: '发现日期', width: 12, value: (r) => r.foundOn },
  { header: '整改期限', width: 12, value: (r) => r.deadline },
  { header: '状态', width: 14, value: (r) => HAZARD_STATE_LABELS[r.state] },
  { header: '是否逾期', width: 8, value: (r) => (isHazardOverdue(r, now) ? '是' : '否') },
  { header: '挂牌督办', width: 8, value: (r) => (r.supervised ? '是' : '否') },
  { header: '销号日期', width: 12, value: (r) => (r.closedAt ? bureauDate(new Date(r.closedAt)) : '') },
];

/** The filtered hazard list as an .xlsx, streamed a page at a time: exactly the rows the list shows; audited. */
export type THazardExport = ReturnType<typeof createHazardExport>;

export function createHazardExport({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  async function exportXlsx(ctx: TRequestContext, query: THazardExportQuery) {
    const actor = await hazardActor(db, ctx, 'hazard.read');
    const now = clock();
    const where = repo.listWhere(query, viewerOf(actor), bureauDate(now));
    await db.transaction((tx) =>
      audit.record(tx, ctx, { action: 'export', entity: 'hazard', after: { filters: query }, divisionCode: actor.divisionCode }),
    );
    const stream = ledgerStream({
      sheetName: '隐患台账',
      columns: columns(now),
      page: (after: { foundOn: string; id: number } | null, limit) => repo.listHazardsAfter(db, where, after, limit),
      cursorOf: (r) => ({ foundOn: r.foundOn, id: r.id }),
      maxRows: HAZARD_EXPORT_MAX_ROWS,
    });
    return { stream, fileName: ledgerFileName('隐患台账', now) };
  }
  return { exportXlsx };
}
