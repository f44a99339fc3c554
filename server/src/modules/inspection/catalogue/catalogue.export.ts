import ExcelJS from 'exceljs';
import { CATEGORY_LABELS, TAG_LABELS, type TInspectionItemListQuery, type TSpecialTag, type TSupervisionCategory } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import { neutraliseCell } from '../../../shared/excel';
import type { TAuditService } from '../../audit/audit.service';
import { requirePermission } from '../../../kit/access';
import * as repo from './catalogue.repo';

/** The inspection items (检查事项清单) as an .xlsx, with the filters of the catalogue page. */
export async function exportCatalogueXlsx(
  deps: { db: Db; audit: TAuditService; clock: TClock },
  ctx: TRequestContext,
  query: TInspectionItemListQuery,
) {
  requirePermission(ctx, 'inspection.read');
  const items = await repo.listItems(deps.db, query);
  await deps.db.transaction((tx) =>
    deps.audit.record(tx, ctx, { action: 'export', entity: 'inspection_item', after: { filters: query, rows: items.length } }),
  );
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('检查事项清单');
  sheet.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '事项编码', key: 'code', width: 14 },
    { header: '分组', key: 'group', width: 16 },
    { header: '检查事项', key: 'title', width: 24 },
    { header: '检查内容', key: 'content', width: 60 },
    { header: '法律依据', key: 'legalBasis', width: 40 },
    { header: '判定标准', key: 'standard', width: 30 },
    { header: '重大事故隐患', key: 'major', width: 12 },
    { header: '适用监管类别', key: 'categories', width: 24 },
    { header: '适用特殊标签', key: 'tags', width: 16 },
    { header: '状态', key: 'active', width: 8 },
  ];
  sheet.getRow(1).font = { bold: true };
  items.forEach((i, n) =>
    sheet.addRow({
      n: n + 1,
      code: i.code,
      group: neutraliseCell(i.groupName),
      title: neutraliseCell(i.title),
      content: neutraliseCell(i.content),
      legalBasis: neutraliseCell(i.legalBasis),
      standard: neutraliseCell(i.standard ?? ''),
      major: i.majorHazard ? '是' : '否',
      categories: i.categories.length ? i.categories.map((c) => CATEGORY_LABELS[c as TSupervisionCategory] ?? c).join('、') : '全部',
      tags: i.tags.map((t) => TAG_LABELS[t as TSpecialTag] ?? t).join('、'),
      active: i.active ? '启用' : '停用',
    }),
  );
  sheet.getColumn('content').alignment = { wrapText: true, vertical: 'top' };
  return { buffer: Buffer.from(await book.xlsx.writeBuffer()), fileName: `检查事项清单-${deps.clock().toISOString().slice(0, 10)}.xlsx` };
}
