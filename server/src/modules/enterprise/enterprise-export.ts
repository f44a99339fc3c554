import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
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
import { neutraliseCell } from '../../shared/excel';
import type { TAuditService } from '../audit/audit.service';
import { requirePermission } from '../../kit/access';
import * as repo from './enterprise.repo';

export type TEnterpriseExport = ReturnType<typeof createEnterpriseExport>;

const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '统一社会信用代码', key: 'creditCode', width: 22 },
  { header: '企业名称', key: 'name', width: 36 },
  { header: '曾用名', key: 'formerNames', width: 24 },
  { header: '所属镇街', key: 'divisionName', width: 12 },
  { header: '监管类别', key: 'category', width: 20 },
  { header: '监管层级', key: 'level', width: 8 },
  { header: '特殊标签', key: 'tags', width: 20 },
  { header: '法定代表人', key: 'legalRepresentative', width: 12 },
  { header: '主要负责人', key: 'principalName', width: 12 },
  { header: '主要负责人电话', key: 'principalPhone', width: 16 },
  { header: '安全管理人员', key: 'safetyManagerName', width: 12 },
  { header: '安全管理人员电话', key: 'safetyManagerPhone', width: 16 },
  { header: '住所', key: 'address', width: 40 },
  { header: '国民经济行业代码', key: 'industryCode', width: 12 },
  { header: '从业人数', key: 'employees', width: 10 },
  { header: '规模', key: 'scale', width: 8 },
  { header: '登记状态', key: 'registrationStatus', width: 10 },
  { header: '监管状态', key: 'supervisionStatus', width: 10 },
];

/** The filtered registry as an .xlsx, streamed a page at a time: exactly the rows the list shows. */
export function createEnterpriseExport({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  async function exportXlsx(ctx: TRequestContext, query: Omit<TEnterpriseListQuery, 'page' | 'pageSize'>) {
    const actor = requirePermission(ctx, 'enterprise.read');
    const where = repo.listWhere(query, actor.divisionCode);
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'enterprise', after: { filters: query } }));
    const out = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet('企业台账');
    sheet.columns = COLUMNS;
    sheet.getRow(1).font = { bold: true };
    const text = (v: string | null | undefined) => neutraliseCell(v ?? '');
    (async () => {
      let afterId = 0;
      for (;;) {
        const rows = await repo.listEnterprisesAfter(db, where, afterId, 2000);
        for (const r of rows) {
          sheet
            .addRow({
              creditCode: r.creditCode,
              name: text(r.name),
              formerNames: text(r.formerNames.join('；')),
              divisionName: r.divisionName ?? r.divisionCode,
              category: CATEGORY_LABELS[r.supervisionCategory as TSupervisionCategory] ?? r.supervisionCategory,
              level: SUPERVISING_LEVEL_LABELS[r.supervisingLevel as 'city' | 'town'] ?? r.supervisingLevel,
              tags: r.tags.map((t) => TAG_LABELS[t as TSpecialTag] ?? t).join('、'),
              legalRepresentative: text(r.legalRepresentative),
              principalName: text(r.principalName),
              principalPhone: text(r.principalPhone),
              safetyManagerName: text(r.safetyManagerName),
              safetyManagerPhone: text(r.safetyManagerPhone),
              address: text(r.address),
              industryCode: r.industryCode ?? '',
              employees: r.employees ?? '',
              scale: r.aboveScale === null ? '' : r.aboveScale ? '规上' : '规下',
              registrationStatus: r.registrationStatus,
              supervisionStatus: r.supervisionStatus,
            })
            .commit();
        }
        if (rows.length < 2000) break;
        afterId = rows[rows.length - 1]!.id;
        await new Promise((r) => setImmediate(r));
      }
      sheet.commit();
      await workbook.commit();
    })().catch((e: unknown) => out.destroy(e as Error));
    return { stream: out, fileName: `企业台账-${clock().toISOString().slice(0, 10)}.xlsx` };
  }
  return { exportXlsx };
}
