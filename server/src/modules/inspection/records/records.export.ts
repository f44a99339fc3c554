import { INSPECTION_KIND_LABELS, type TFindingListQuery, type TInspectionListQuery } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import { requirePermission } from '../../../kit/access';
import { ledgerFileName, ledgerStream, type TLedgerColumn } from '../../../kit/ledger-export';
import * as findingRepo from './finding.repo';
import * as repo from './inspection.repo';
import type { TInspectionRead } from './inspection.read';

export type TRecordsExport = ReturnType<typeof createRecordsExport>;

/** Rows an export writes at most: a year of a city's checks fits; more is a sign of a missing filter. */
const EXPORT_LIMIT = 50_000;
const COLOURS: Record<string, string> = { red: '红', orange: '橙', yellow: '黄', blue: '蓝' };

const FINDING_COLUMNS: TLedgerColumn<findingRepo.TFindingView>[] = [
  { header: '发现日期', width: 12, value: (f) => f.foundOn },
  { header: '镇街', width: 10, value: (f) => f.divisionName ?? f.divisionCode },
  { header: '企业名称', width: 34, value: (f) => f.enterpriseName },
  { header: '检查事项编码', width: 14, value: (f) => f.itemCode ?? '' },
  { header: '问题描述', width: 60, value: (f) => f.description },
  { header: '重大事故隐患', width: 12, value: (f) => (f.majorHazard ? '是' : '否') },
  { header: '照片数', width: 8, value: (f) => f.photos.length },
  { header: '转为隐患', width: 10, value: (f) => (f.hazardId ? `是（${f.hazardId}）` : '否') },
  { header: '检查记录编号', width: 12, value: (f) => f.inspectionId },
];

type TInspectionLine = repo.TInspectionView & { inspectorNames: string[] };

const INSPECTION_COLUMNS: TLedgerColumn<TInspectionLine>[] = [
  { header: '编号', width: 8, value: (r) => r.id },
  { header: '检查日期', width: 12, value: (r) => r.inspectedOn },
  { header: '镇街', width: 10, value: (r) => r.divisionName ?? r.divisionCode },
  { header: '企业名称', width: 34, value: (r) => r.enterpriseName },
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
  { header: '检查方式', width: 12, value: (r) => INSPECTION_KIND_LABELS[r.kind] },
  { header: '风险等级', width: 8, value: (r) => (r.colour ? COLOURS[r.colour] : '未定级') },
  { header: '检查地点', width: 30, value: (r) => r.place },
  { header: '执法人员', width: 20, value: (r) => r.inspectorNames.join('、') },
  { header: '检查表', width: 20, value: (r) => r.checklistName ?? '' },
  { header: '发现问题数', width: 10, value: (r) => r.findingsCount },
  { header: '状态', width: 8, value: (r) => (r.status === 'submitted' ? '已提交' : '草稿') },
];

/** The Excel ledgers of checks and findings, streamed page by page in list order through the kit's exporter. */
export function createRecordsExport({ db, audit, read, clock }: { db: Db; audit: TAuditService; read: TInspectionRead; clock: TClock }) {
  async function findings(ctx: TRequestContext, query: Omit<TFindingListQuery, 'page' | 'pageSize'>) {
    const actor = requirePermission(ctx, 'inspection.read');
    const where = findingRepo.findingWhere(query, actor.divisionCode);
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'finding', after: { filters: query } }));
    const body = ledgerStream<findingRepo.TFindingView, findingRepo.TFindingCursor>({
      sheetName: '检查发现问题',
      columns: FINDING_COLUMNS,
      page: (after, limit) => findingRepo.listFindings(db, where, { limit, after }),
      cursorOf: (f) => ({ foundOn: f.foundOn, id: f.id }),
      maxRows: EXPORT_LIMIT,
    });
    return { body, fileName: ledgerFileName('检查发现问题', clock()) };
  }

  async function inspections(ctx: TRequestContext, query: Omit<TInspectionListQuery, 'page' | 'pageSize'>) {
    const actor = requirePermission(ctx, 'inspection.read');
    const where = await read.listFilter(query, actor.divisionCode);
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'inspection', after: { filters: query } }));
    const body = ledgerStream<TInspectionLine, repo.TInspectionCursor>({
      sheetName: '监督检查记录',
      columns: INSPECTION_COLUMNS,
      page: (after, limit) => repo.listInspections(db, where, { limit, after }),
      cursorOf: (r) => ({ inspectedOn: r.inspectedOn, id: r.id }),
      maxRows: EXPORT_LIMIT,
    });
    return { body, fileName: ledgerFileName('监督检查记录', clock()) };
  }

  return { findings, inspections };
}
