import { STRATUM_LABELS, type TInspectionStats, type TPlanProgress, type TPlanStratum } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import { ledgerBuffer, ledgerFileName, ledgerSheet, type TLedgerColumn } from '../../../kit/ledger-export';
import type { TAuditService } from '../../audit/audit.service';

interface TSheet {
  name: string;
  columns: { header: string; key: string; width: number }[];
  rows: Record<string, string | number>[];
}

/**
 * A workbook of small tables, one sheet each, through the kit's ledger exporter (bold headers, text cells
 * neutralised). The hazard statistics use it too.
 */
export async function workbookOf(_title: string, sheets: TSheet[]): Promise<Buffer> {
  return ledgerBuffer(
    sheets.map((s) =>
      ledgerSheet(
        s.name,
        s.columns.map((c): TLedgerColumn<TSheet['rows'][number]> => ({ header: c.header, width: c.width, value: (r) => r[c.key] })),
        s.rows,
      ),
    ),
  );
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const figureColumns = [
  { header: '检查企业（家次）', key: 'inspections', width: 16 },
  { header: '检查企业（家）', key: 'firms', width: 14 },
  { header: '发现隐患（项）', key: 'findings', width: 14 },
  { header: '其中重大隐患（项）', key: 'majorFindings', width: 18 },
];

export function statsSheets(s: TInspectionStats): TSheet[] {
  return [
    {
      name: '按检查方式',
      columns: [{ header: '检查方式', key: 'label', width: 18 }, ...figureColumns],
      rows: [...s.byKind, { label: '合计', ...s.totals }],
    },
    {
      name: s.level === 'city' ? '按市' : '按镇街',
      columns: [
        { header: s.level === 'city' ? '市' : '镇街', key: 'divisionName', width: 16 },
        ...figureColumns,
        { header: '四不两直（家次）', key: 'unannounced', width: 16 },
      ],
      rows: s.byTown,
    },
    {
      name: '按月份',
      columns: [
        { header: '月份', key: 'month', width: 10 },
        { header: '检查企业（家次）', key: 'inspections', width: 16 },
        { header: '四不两直（家次）', key: 'unannounced', width: 16 },
        { header: '发现隐患（项）', key: 'findings', width: 14 },
        { header: '其中重大隐患（项）', key: 'majorFindings', width: 18 },
      ],
      rows: s.byMonth,
    },
  ];
}

export function progressSheets(p: TPlanProgress): TSheet[] {
  const share = [
    { header: '计划检查（家）', key: 'planned', width: 14 },
    { header: '已完成（家）', key: 'done', width: 12 },
    { header: '完成率', key: 'share', width: 10 },
  ];
  const withPct = <T extends { share: number }>(r: T) => ({ ...r, share: pct(r.share) });
  return [
    {
      name: '按镇街',
      columns: [{ header: '镇街', key: 'divisionName', width: 16 }, ...share],
      rows: [...p.byTown.map(withPct), { divisionName: '合计', ...withPct(p.totals) }],
    },
    { name: '按风险等级', columns: [{ header: '风险等级', key: 'label', width: 12 }, ...share], rows: p.byGrade.map(withPct) },
    {
      name: '逾期目标',
      columns: [
        { header: '企业名称', key: 'enterpriseName', width: 36 },
        { header: '镇街', key: 'divisionName', width: 14 },
        { header: '风险等级', key: 'stratum', width: 10 },
        { header: '逾期原因', key: 'reason', width: 22 },
        { header: '检查日期', key: 'inspectedOn', width: 12 },
        { header: '应完成日期', key: 'dueOn', width: 12 },
      ],
      rows: p.overdue.map((o) => ({
        enterpriseName: o.enterpriseName,
        divisionName: o.divisionName,
        stratum: STRATUM_LABELS[o.stratum as TPlanStratum] ?? o.stratum,
        reason: o.reason === 'period_ended' ? '计划期满未检查' : '检查结果逾期未公示',
        inspectedOn: o.inspectedOn ?? '',
        dueOn: o.dueOn,
      })),
    },
  ];
}

/** Exports are recorded in the audit log like the registry's (who took which figures out, and when). */
export function createReportExport({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  async function file(ctx: TRequestContext, entity: string, after: unknown, title: string, sheets: TSheet[]) {
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity, after }));
    return { body: await workbookOf(title, sheets), fileName: ledgerFileName(title, clock()) };
  }
  return {
    stats: (ctx: TRequestContext, s: TInspectionStats, query: unknown) =>
      file(ctx, 'inspection_stats', { query }, `监督检查统计-${s.range.label}`, statsSheets(s)),
    progress: (ctx: TRequestContext, p: TPlanProgress) =>
      file(ctx, 'inspection_plan', { planId: p.plan.id, view: 'progress' }, `计划执行进度-${p.plan.title}`, progressSheets(p)),
  };
}
export type TReportExport = ReturnType<typeof createReportExport>;
