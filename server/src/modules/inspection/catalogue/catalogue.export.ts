import { CATEGORY_LABELS, TAG_LABELS, type TInspectionItemListQuery, type TSpecialTag, type TSupervisionCategory } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import { requirePermission } from '../../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet, type TLedgerColumn } from '../../../kit/ledger-export';
import * as repo from './catalogue.repo';

type TRow = repo.TItemRow & { n: number };

const COLUMNS: TLedgerColumn<TRow>[] = [
  { header: '序号', width: 6, value: (i) => i.n },
  { header: '事项编码', width: 14, value: (i) => i.code },
  { header: '分组', width: 16, value: (i) => i.groupName },
  { header: '检查事项', width: 24, value: (i) => i.title },
  { header: '检查内容', width: 60, value: (i) => i.content },
  { header: '法律依据', width: 40, value: (i) => i.legalBasis },
  { header: '判定标准', width: 30, value: (i) => i.standard ?? '' },
  { header: '重大事故隐患', width: 12, value: (i) => (i.majorHazard ? '是' : '否') },
  {
    header: '适用监管类别',
    width: 24,
    value: (i) => (i.categories.length ? i.categories.map((c) => CATEGORY_LABELS[c as TSupervisionCategory] ?? c).join('、') : '全部'),
  },
  { header: '适用特殊标签', width: 16, value: (i) => i.tags.map((t) => TAG_LABELS[t as TSpecialTag] ?? t).join('、') },
  { header: '状态', width: 8, value: (i) => (i.active ? '启用' : '停用') },
];

/** The inspection items (检查事项清单) as an .xlsx, with the filters of the catalogue page. */
export async function exportCatalogueXlsx(
  deps: { db: Db; audit: TAuditService; clock: TClock },
  ctx: TRequestContext,
  query: TInspectionItemListQuery,
): Promise<{ body: Buffer; fileName: string }> {
  requirePermission(ctx, 'inspection.read');
  const items = await repo.listItems(deps.db, query);
  await deps.db.transaction((tx) =>
    deps.audit.record(tx, ctx, { action: 'export', entity: 'inspection_item', after: { filters: query, rows: items.length } }),
  );
  const rows = items.map((i, n) => ({ ...i, n: n + 1 }));
  return {
    body: await ledgerBuffer([ledgerSheet('检查事项清单', COLUMNS, rows)]),
    fileName: ledgerFileName('检查事项清单', deps.clock()),
  };
}
