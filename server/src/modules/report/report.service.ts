/** The report builder: the period and scope checked, every registered figure computed now and a year earlier. */
import { AppError, inScope, reportPeriodRange, yearEarlier, yearOnYear, type TReportFigure, type TReportQuery } from '@yingji/domain';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { divisionName } from '../../shared/divisions';
import { reportFigures } from './report.figures';
import { reportSummary, reportWorkbook } from './report.export';

export function createReportService({ db, audit, clock, settings }: Pick<TCore, 'db' | 'audit' | 'clock' | 'settings'>) {
  /** The period as inclusive dates and the scope, checked against the user's. */
  function rangeOf(ctx: TRequestContext, q: TReportQuery) {
    const actor = requirePermission(ctx, 'report.read');
    const range = reportPeriodRange(q);
    if (typeof range === 'string') throw new AppError('invalid', range, { field: q.kind === 'custom' ? 'to' : 'part' });
    const scope = q.divisionCode ?? actor.divisionCode;
    if (!inScope(actor.divisionCode, scope)) throw new AppError('invalid', '统计范围超出您的管辖范围', { field: 'divisionCode' });
    return { range, scope };
  }

  async function figures(ctx: TRequestContext, q: TReportQuery) {
    const { range, scope } = rangeOf(ctx, q);
    const before = yearEarlier(range);
    const rows: TReportFigure[] = await Promise.all(
      reportFigures().map(async (f) => {
        const [value, lastYear] = await Promise.all([f.query(db, { ...range, scope }), f.query(db, { ...before, scope })]);
        return {
          id: f.id,
          name: f.name,
          group: f.group,
          unit: f.unit,
          counts: f.counts,
          value,
          lastYear,
          yearOnYear: yearOnYear(value, lastYear),
          drill: f.drill({ ...range, scope }),
        };
      }),
    );
    return { from: range.from, to: range.to, lastYearFrom: before.from, lastYearTo: before.to, scope, figures: rows };
  }

  /** The records that make up one figure, for the figures with a list of their own. */
  async function records(ctx: TRequestContext, id: string, q: TReportQuery) {
    const { range, scope } = rangeOf(ctx, q);
    const f = reportFigures().find((x) => x.id === id);
    if (!f) throw new AppError('not_found', '没有这项统计指标');
    if (!f.records) throw new AppError('invalid', `“${f.name}”请从统计表的链接进入相应列表查看`, { field: 'id' });
    const r = { ...range, scope };
    const [value, list] = await Promise.all([f.query(db, r), f.records(db, r)]);
    return { id: f.id, name: f.name, group: f.group, unit: f.unit, counts: f.counts, ...r, value, ...list };
  }

  function definitions(ctx: TRequestContext) {
    requirePermission(ctx, 'report.read');
    return { items: reportFigures().map(({ id, name, group, unit, counts }) => ({ id, name, group, unit, counts })) };
  }

  async function exportFile(ctx: TRequestContext, q: TReportQuery, format: 'xlsx' | 'docx') {
    const table = await figures(ctx, q);
    const scopeName = (await divisionName(db, table.scope)) ?? table.scope;
    const now = clock();
    const { bureauName } = await settings.get('report');
    const file =
      format === 'xlsx' ? await reportWorkbook(table, scopeName, bureauName, now) : await reportSummary(table, scopeName, bureauName, now);
    await db.transaction((tx) =>
      audit.record(tx, ctx, { action: 'export', entity: 'report', after: { format, from: table.from, to: table.to, scope: table.scope } }),
    );
    return file;
  }

  return { figures, records, definitions, exportFile };
}
export type TReportService = ReturnType<typeof createReportService>;
