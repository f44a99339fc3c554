import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  bureauDate,
  HAZARD_CATEGORY_LABELS,
  HAZARD_LEVEL_LABELS,
  HAZARD_SOURCE_LABELS,
  HAZARD_STATE_LABELS,
  isHazardOverdue,
  type THazardCategory,
  type THazardListQuery,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import { neutraliseCell } from '../../shared/excel';
import type { TAuditService } from '../audit/audit.service';
import * as repo from './hazard.repo';
import { hazardActor, viewerOf } from './hazard.service';

/** The most rows one export carries (a province's open list fits; a wider filter is asked to narrow). */
export const HAZARD_EXPORT_MAX_ROWS = 100_000;
const PAGE = 2000;

const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '隐患编号', key: 'id', width: 10 },
  { header: '企业名称', key: 'enterpriseName', width: 36 },
  { header: '所属镇街', key: 'townName', width: 12 },
  { header: '隐患等级', key: 'level', width: 10 },
  { header: '隐患类别', key: 'category', width: 16 },
  { header: '隐患来源', key: 'source', width: 10 },
  { header: '隐患描述', key: 'description', width: 48 },
  { header: '隐患部位', key: 'location', width: 20 },
  { header: '发现日期', key: 'foundOn', width: 12 },
  { header: '整改期限', key: 'deadline', width: 12 },
  { header: '状态', key: 'state', width: 14 },
  { header: '是否逾期', key: 'overdue', width: 8 },
  { header: '挂牌督办', key: 'supervised', width: 8 },
  { header: '销号日期', key: 'closedOn', width: 12 },
];

/** The filtered hazard list as an .xlsx, streamed a page at a time: exactly the rows the list shows; audited. */
export type THazardExport = ReturnType<typeof createHazardExport>;

export function createHazardExport({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  async function exportXlsx(ctx: TRequestContext, query: Omit<THazardListQuery, 'page' | 'pageSize'>) {
    const actor = await hazardActor(db, ctx, 'hazard.read');
    const now = clock();
    const where = repo.listWhere(query, viewerOf(actor), bureauDate(now));
    await db.transaction((tx) =>
      audit.record(tx, ctx, { action: 'export', entity: 'hazard', after: { filters: query }, divisionCode: actor.divisionCode }),
    );
    const out = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet('隐患台账');
    sheet.columns = COLUMNS;
    sheet.getRow(1).font = { bold: true };
    const text = (v: string | null | undefined) => neutraliseCell(v ?? '');
    (async () => {
      let after: { foundOn: string; id: number } | null = null;
      let written = 0;
      for (;;) {
        const rows = await repo.listHazardsAfter(db, where, after, Math.min(PAGE, HAZARD_EXPORT_MAX_ROWS - written));
        for (const r of rows) {
          sheet
            .addRow({
              id: r.id,
              enterpriseName: text(r.enterpriseName),
              townName: r.townName ?? r.divisionCode,
              level: HAZARD_LEVEL_LABELS[r.level],
              category: HAZARD_CATEGORY_LABELS[r.category as THazardCategory] ?? r.category,
              source: HAZARD_SOURCE_LABELS[r.source],
              description: text(r.description),
              location: text(r.location),
              foundOn: r.foundOn,
              deadline: r.deadline,
              state: HAZARD_STATE_LABELS[r.state],
              overdue: isHazardOverdue(r, now) ? '是' : '否',
              supervised: r.supervised ? '是' : '否',
              closedOn: r.closedAt ? bureauDate(new Date(r.closedAt)) : '',
            })
            .commit();
        }
        written += rows.length;
        if (rows.length < PAGE || written >= HAZARD_EXPORT_MAX_ROWS) break;
        after = { foundOn: rows[rows.length - 1]!.foundOn, id: rows[rows.length - 1]!.id };
        await new Promise((r) => setImmediate(r));
      }
      if (written >= HAZARD_EXPORT_MAX_ROWS) sheet.addRow({ id: `仅导出前 ${HAZARD_EXPORT_MAX_ROWS} 条，请缩小筛选范围` }).commit();
      sheet.commit();
      await workbook.commit();
    })().catch((e: unknown) => out.destroy(e as Error));
    return { stream: out, fileName: `隐患台账-${bureauDate(now)}.xlsx` };
  }
  return { exportXlsx };
}
