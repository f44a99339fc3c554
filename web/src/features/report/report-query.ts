/** The report's period and scope kept in the address, so going back from a drill-down returns to the same table. */
import { PERIOD_KINDS, type TPeriodKind } from '@yingji/domain/report/report.rules';
import type { TReportQuery } from '@yingji/domain/report/report.schema';
import { dayjs } from '../../app/locale';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The current quarter when the address names no period. */
export function queryFromParams(params: URLSearchParams): TReportQuery {
  const kind = params.get('kind') as TPeriodKind | null;
  const int = (key: string) => {
    const n = Number(params.get(key));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const date = (key: string) => {
    const v = params.get(key);
    return v && DATE.test(v) ? v : undefined;
  };
  const divisionCode = /^\d{4}(\d{5})?$/.test(params.get('divisionCode') ?? '') ? params.get('divisionCode')! : undefined;
  if (!kind || !(PERIOD_KINDS as readonly string[]).includes(kind))
    return { kind: 'quarter', year: dayjs().year(), part: Math.floor(dayjs().month() / 3) + 1, divisionCode };
  if (kind === 'custom') return { kind, from: date('from'), to: date('to'), divisionCode };
  return { kind, year: int('year') ?? dayjs().year(), part: kind === 'year' ? undefined : (int('part') ?? 1), divisionCode };
}

export function queryToParams(q: TReportQuery): Record<string, string> {
  const out: Record<string, string> = { kind: q.kind };
  for (const key of ['year', 'part', 'from', 'to', 'divisionCode'] as const) if (q[key] !== undefined) out[key] = String(q[key]);
  return out;
}
