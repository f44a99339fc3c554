import {
  CATEGORY_LABELS,
  SUPERVISING_LEVEL_LABELS,
  TAG_LABELS,
  type TEnterpriseListQuery,
  type TSpecialTag,
  type TSupervisionCategory,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import type { TAuditService } from '../audit/audit.service';
import { requirePermission } from '../../kit/access';
import { ledgerFileName, ledgerStream, type TLedgerColumn } from '../../kit/ledger-export';
import * as repo from './enterprise.repo';

export type TEnterpriseExport = ReturnType<typeof createEnterpriseExport>;

type TRow = Awaited<ReturnType<typeof repo.listEnterprisesAfter>>[number];

const COLUMNS: TLedgerColumn<TRow>[] = [
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
  { header: '企业名称', width: 36, value: (r) => r.name },
  { header: '曾用名', width: 24, value: (r) => r.formerNames.join('；') },
  { header: '所属镇街', width: 12, value: (r) => r.divisionName ?? r.divisionCode },
  { header: '监管类别', width: 20, value: (r) => CATEGORY_LABELS[r.supervisionCategory as TSupervisionCategory] ?? r.supervisionCategory },
  { header: '监管层级', width: 8, value: (r) => SUPERVISING_LEVEL_LABELS[r.supervisingLevel as 'city' | 'town'] ?? r.supervisingLevel },
  { header: '特殊标签', width: 20, value: (r) => r.tags.map((t) => TAG_LABELS[t as TSpecialTag] ?? t).join('、') },
  { header: '法定代表人', width: 12, value: (r) => r.legalRepresentative },
  { header: '主要负责人', width: 12, value: (r) => r.principalName },
  { header: '主要负责人电话', width: 16, value: (r) => r.principalPhone },
  { header: '安全管理人员', width: 12, value: (r) => r.safetyManagerName },
  { header: '安全管理人员电话', width: 16, value: (r) => r.safetyManagerPhone },
  { header: '住所', width: 40, value: (r) => r.address },
  { header: '国民经济行业代码', width: 12, value: (r) => r.industryCode },
  { header: '从业人数', width: 10, value: (r) => r.employees },
  { header: '规模', width: 8, value: (r) => (r.aboveScale === null ? '' : r.aboveScale ? '规上' : '规下') },
  { header: '登记状态', width: 10, value: (r) => r.registrationStatus },
  { header: '监管状态', width: 10, value: (r) => r.supervisionStatus },
];

/** An Excel sheet holds 1,048,576 rows; a province's registry stays below it. */
const MAX_ROWS = 1_000_000;

/** The filtered registry as an .xlsx, streamed a page at a time by the kit's ledger exporter: exactly the rows the list shows. */
export function createEnterpriseExport({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  async function exportXlsx(ctx: TRequestContext, query: Omit<TEnterpriseListQuery, 'page' | 'pageSize'>) {
    const actor = requirePermission(ctx, 'enterprise.read');
    const where = repo.listWhere(query, actor.divisionCode);
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'enterprise', after: { filters: query } }));
    const stream = ledgerStream<TRow, number>({
      sheetName: '企业台账',
      columns: COLUMNS,
      page: (afterId, limit) => repo.listEnterprisesAfter(db, where, afterId ?? 0, limit),
      cursorOf: (r) => r.id,
      maxRows: MAX_ROWS,
    });
    return { stream, fileName: ledgerFileName('企业台账', clock()) };
  }
  return { exportXlsx };
}
