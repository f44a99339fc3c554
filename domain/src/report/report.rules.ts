/**
 * Report periods in the bureau's calendar (Asia/Shanghai): a month, quarter, half-year, year or custom range becomes
 * an inclusive range of calendar dates, and the same range a year earlier for the year-on-year comparison.
 */
export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year', 'custom'] as const;
export type TPeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<TPeriodKind, string> = { month: '月', quarter: '季度', half: '半年', year: '年', custom: '自定义' };

export interface TPeriodInput {
  kind: TPeriodKind;
  year?: number | undefined;
  /** Month 1–12, quarter 1–4, half 1–2. */
  part?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}
export interface TDateRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthsRange = (year: number, first: number, last: number): TDateRange => ({
  from: `${year}-${pad(first)}-01`,
  to: `${year}-${pad(last)}-${pad(lastDay(year, last))}`,
});

/** The period's inclusive dates, or a Chinese reason it cannot be built (an end before the start, a part out of range). */
export function reportPeriodRange(p: TPeriodInput): TDateRange | string {
  if (p.kind === 'custom') {
    if (!p.from || !p.to) return '自定义报告期须填写开始和结束日期';
    if (p.to < p.from) return '报告期结束日期不能早于开始日期';
    return { from: p.from, to: p.to };
  }
  const year = p.year;
  if (year === undefined || year < 2000 || year > 2100) return '请选择报告年份';
  if (p.kind === 'year') return monthsRange(year, 1, 12);
  const part = p.part ?? 0;
  const max = { month: 12, quarter: 4, half: 2 }[p.kind];
  if (part < 1 || part > max) return { month: '月份应为 1–12', quarter: '季度应为 1–4', half: '半年应为上半年或下半年' }[p.kind];
  const span = { month: 1, quarter: 3, half: 6 }[p.kind];
  return monthsRange(year, (part - 1) * span + 1, part * span);
}

/** The same dates a year earlier (29 February becomes 28 February). */
export function yearEarlier(r: TDateRange): TDateRange {
  const back = (d: string) => {
    const y = Number(d.slice(0, 4)) - 1;
    const m = Number(d.slice(5, 7));
    const day = Math.min(Number(d.slice(8, 10)), lastDay(y, m));
    return `${y}-${pad(m)}-${pad(day)}`;
  };
  return { from: back(r.from), to: back(r.to) };
}

/** Year-on-year change in per cent, one decimal; null when last year was zero. */
export const yearOnYear = (now: number, before: number): number | null =>
  before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10;
