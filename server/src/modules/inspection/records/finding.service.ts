import ExcelJS from 'exceljs';
import { INSPECTION_KIND_LABELS, type TFindingListQuery, type TInspectionListQuery } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import { neutraliseCell } from '../../../shared/excel';
import type { TAuditService } from '../../audit/audit.service';
import { requirePermission } from '../../../kit/access';
import * as findingRepo from './finding.repo';
import * as totals from '../reports/list-totals.repo';
import * as repo from './inspection.repo';
import { toFindingDto, type TInspectionRead } from './inspection.read';

export type TFindingService = ReturnType<typeof createFindingService>;

/** Rows an export writes at most: a year of a city's checks fits; more is a sign of a missing filter. */
const EXPORT_LIMIT = 50_000;
const XLSX_PAGE = 2000;
const COLOURS: Record<string, string> = { red: '红', orange: '橙', yellow: '黄', blue: '蓝' };

/** Findings (检查发现的问题) awaiting the hazard module, and the Excel ledgers of checks and findings. */
export function createFindingService({ db, audit, read, clock }: { db: Db; audit: TAuditService; read: TInspectionRead; clock: TClock }) {
  async function list(ctx: TRequestContext, query: TFindingListQuery) {
    const actor = requirePermission(ctx, 'inspection.read');
    const where = findingRepo.findingWhere(query, actor.divisionCode);
    // Without the conversion filter the total comes from the counters (list-totals.repo.ts), not from counting.
    const total =
      query.converted === undefined
        ? await totals.findingTotal(db, {
            scope: actor.divisionCode,
            divisionCode: query.divisionCode,
            from: query.from,
            to: query.to,
            major: query.major === undefined ? undefined : query.major === 'true',
          })
        : await findingRepo.countFindings(db, where);
    const rows =
      total === 0 ? [] : await findingRepo.listFindings(db, where, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    return { items: rows.map(toFindingDto), total };
  }

  async function exportFindings(ctx: TRequestContext, query: Omit<TFindingListQuery, 'page' | 'pageSize'>) {
    const actor = requirePermission(ctx, 'inspection.read');
    const where = findingRepo.findingWhere(query, actor.divisionCode);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('检查发现问题');
    sheet.columns = [
      { header: '发现日期', key: 'foundOn', width: 12 },
      { header: '镇街', key: 'division', width: 10 },
      { header: '企业名称', key: 'enterprise', width: 34 },
      { header: '检查事项编码', key: 'item', width: 14 },
      { header: '问题描述', key: 'description', width: 60 },
      { header: '重大事故隐患', key: 'major', width: 12 },
      { header: '照片数', key: 'photos', width: 8 },
      { header: '转为隐患', key: 'converted', width: 10 },
      { header: '检查记录编号', key: 'inspectionId', width: 12 },
    ];
    sheet.getRow(1).font = { bold: true };
    let n = 0;
    for (let offset = 0; offset < EXPORT_LIMIT; offset += XLSX_PAGE) {
      const rows = await findingRepo.listFindings(db, where, { limit: XLSX_PAGE, offset });
      for (const f of rows) {
        sheet.addRow({
          foundOn: f.foundOn,
          division: f.divisionName ?? f.divisionCode,
          enterprise: neutraliseCell(f.enterpriseName),
          item: f.itemCode ?? '',
          description: neutraliseCell(f.description),
          major: f.majorHazard ? '是' : '否',
          photos: f.photos.length,
          converted: f.hazardId ? `是（${f.hazardId}）` : '否',
          inspectionId: f.inspectionId,
        });
      }
      n += rows.length;
      if (rows.length < XLSX_PAGE) break;
    }
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'finding', after: { filters: query, rows: n } }));
    return { buffer: Buffer.from(await book.xlsx.writeBuffer()), fileName: `检查发现问题-${clock().toISOString().slice(0, 10)}.xlsx` };
  }

  async function exportInspections(ctx: TRequestContext, query: Omit<TInspectionListQuery, 'page' | 'pageSize'>) {
    const actor = requirePermission(ctx, 'inspection.read');
    const where = repo.listWhere(query, actor.divisionCode);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('监督检查记录');
    sheet.columns = [
      { header: '编号', key: 'id', width: 8 },
      { header: '检查日期', key: 'inspectedOn', width: 12 },
      { header: '镇街', key: 'division', width: 10 },
      { header: '企业名称', key: 'enterprise', width: 34 },
      { header: '统一社会信用代码', key: 'creditCode', width: 22 },
      { header: '检查方式', key: 'kind', width: 12 },
      { header: '风险等级', key: 'colour', width: 8 },
      { header: '检查地点', key: 'place', width: 30 },
      { header: '执法人员', key: 'inspectors', width: 20 },
      { header: '检查表', key: 'checklist', width: 20 },
      { header: '发现问题数', key: 'findings', width: 10 },
      { header: '状态', key: 'status', width: 8 },
    ];
    sheet.getRow(1).font = { bold: true };
    let n = 0;
    for (let offset = 0; offset < EXPORT_LIMIT; offset += XLSX_PAGE) {
      const rows = await repo.listInspections(db, where, { limit: XLSX_PAGE, offset });
      const names = await read.namesOf(
        db,
        rows.map((r) => r.id),
      );
      for (const r of rows) {
        sheet.addRow({
          id: r.id,
          inspectedOn: r.inspectedOn,
          division: r.divisionName ?? r.divisionCode,
          enterprise: neutraliseCell(r.enterpriseName),
          creditCode: r.creditCode,
          kind: INSPECTION_KIND_LABELS[r.kind],
          colour: r.colour ? COLOURS[r.colour] : '未定级',
          place: neutraliseCell(r.place),
          inspectors: (names.get(r.id) ?? []).join('、'),
          checklist: r.checklistName ?? '',
          findings: r.findingsCount,
          status: r.status === 'submitted' ? '已提交' : '草稿',
        });
      }
      n += rows.length;
      if (rows.length < XLSX_PAGE) break;
    }
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'inspection', after: { filters: query, rows: n } }));
    return { buffer: Buffer.from(await book.xlsx.writeBuffer()), fileName: `监督检查记录-${clock().toISOString().slice(0, 10)}.xlsx` };
  }

  return { list, exportFindings, exportInspections };
}
