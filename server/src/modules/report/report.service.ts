/** The report builder: the period and scope checked, every registered figure computed now and a year earlier. */
import { AppError, inScope, reportPeriodRange, yearEarlier, yearOnYear, type TReportFigure, type TReportQuery } from '@yingji/domain';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { divisionName } from '../../shared/divisions';
import { reportFigures } from './report.figures';
import { reportSummary, reportWorkbook } from './report.export';

export function createReportService({ db, audit, clock }: Pick<TCore, 'db' | 'audit' | 'clock'>) {
  async function figures(ctx: TRequestContext, q: TReportQuery) {
    const actor = requirePermission(ctx, 'report.read');
    const range = reportPeriodRange(q);
    if (typeof range === 'string') throw new AppError('invalid', range, { field: q.kind === 'custom' ? 'to' : 'part' });
    const scope = q.divisionCode ?? actor.divisionCode;
    if (!inScope(actor.divisionCode, scope)) throw new AppError('invalid', '统计范围超出您的管辖范围', { field: 'divisionCode' });
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

  function definitions(ctx: TRequestContext) {
    requirePermission(ctx, 'report.read');
    return { items: reportFigures().map(({ id, name, group, unit, counts }) => ({ id, name, group, unit, counts })) };
  }

  async function exportFile(ctx: TRequestContext, q: TReportQuery, format: 'xlsx' | 'docx') {
    const table = await figures(ctx, q);
    const scopeName = (await divisionName(db, table.scope)) ?? table.scope;
    const now = clock();
    const file = format === 'xlsx' ? await reportWorkbook(table, scopeName, now) : await reportSummary(table, scopeName, now);
    await db.transaction((tx) =>
      audit.record(tx, ctx, { action: 'export', entity: 'report', after: { format, from: table.from, to: table.to, scope: table.scope } }),
    );
    return file;
  }

  return { figures, definitions, exportFile };
}
export type TReportService = ReturnType<typeof createReportService>;
