/**
 * The report table out: an Excel workbook (the figures with last year's and the change, a header naming the bureau,
 * period and scope; a second sheet of definitions) through the one ledger exporter, and a Word summary in the bureau's
 * prose through the official-document generator. Both read the same computed figures.
 */
import { bureauDate, type TReportFigure } from '@yingji/domain';
import { buildOfficialDocument } from '../../shared/docx';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';

export interface TReportTable {
  from: string;
  to: string;
  lastYearFrom: string;
  lastYearTo: string;
  scope: string;
  figures: TReportFigure[];
}

const cn = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const change = (f: TReportFigure) =>
  f.yearOnYear === null ? '上年同期为零' : f.yearOnYear === 0 ? '持平' : `${f.yearOnYear > 0 ? '增长' : '下降'}${Math.abs(f.yearOnYear)}%`;
const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** “2025年第三季度” when the range is a whole quarter, year, half or month; the dates otherwise. */
export function periodLabel(from: string, to: string): string {
  const y = from.slice(0, 4);
  const m1 = Number(from.slice(5, 7));
  const m2 = Number(to.slice(5, 7));
  const whole = from.endsWith('-01') && to.slice(0, 4) === y && new Date(Date.UTC(Number(y), m2, 0)).getUTCDate() === Number(to.slice(8));
  if (whole && m1 === 1 && m2 === 12) return `${y}年`;
  if (whole && m2 - m1 === 5 && (m1 === 1 || m1 === 7)) return `${y}年${m1 === 1 ? '上半年' : '下半年'}`;
  if (whole && m2 - m1 === 2 && m1 % 3 === 1) return `${y}年第${'一二三四'[(m1 - 1) / 3]}季度`;
  if (whole && m1 === m2) return `${y}年${m1}月`;
  return `${cn(from)}至${cn(to)}`;
}

/** `bureau` is the `report.bureauName` setting. */
export async function reportWorkbook(t: TReportTable, scopeName: string, bureau: string, now: Date) {
  const period = periodLabel(t.from, t.to);
  const header = `${bureau} ${period}（${t.from}至${t.to}）统计表 · 范围：${scopeName}`;
  const rows: (TReportFigure | null)[] = [null, ...t.figures];
  const body = await ledgerBuffer([
    ledgerSheet<TReportFigure | null>(
      '统计表',
      [
        { header: '分类', width: 16, value: (f) => (f ? f.group : header) },
        { header: '指标', width: 34, value: (f) => f?.name },
        { header: '单位', width: 8, value: (f) => f?.unit },
        { header: `本期（${t.from}至${t.to}）`, width: 22, value: (f) => f?.value },
        { header: `上年同期（${t.lastYearFrom}至${t.lastYearTo}）`, width: 26, value: (f) => f?.lastYear },
        { header: '同比（%）', width: 12, value: (f) => (f ? (f.yearOnYear ?? '—') : null) },
      ],
      rows,
    ),
    ledgerSheet<TReportFigure>(
      '指标口径',
      [
        { header: '指标', width: 34, value: (f) => f.name },
        { header: '分类', width: 16, value: (f) => f.group },
        { header: '单位', width: 8, value: (f) => f.unit },
        { header: '统计口径', width: 80, value: (f) => f.counts },
      ],
      t.figures,
    ),
  ]);
  return { body, fileName: ledgerFileName(`统计表-${scopeName}-${period}`, now) };
}

export async function reportSummary(t: TReportTable, scopeName: string, bureau: string, now: Date) {
  const period = periodLabel(t.from, t.to);
  const groups = [...new Set(t.figures.map((f) => f.group))];
  const blocks = groups.flatMap((g, i) => {
    const parts = t.figures.filter((f) => f.group === g).map((f) => `${f.name}${num(f.value)}${f.unit}，同比${change(f)}`);
    return [
      { kind: 'heading' as const, text: `${'一二三四五六七八九十'[i] ?? i + 1}、${g}` },
      { kind: 'paragraph' as const, text: `${period}，${t.scope.length === 4 ? '全市' : scopeName}${parts.join('；')}。` },
    ];
  });
  const body = await buildOfficialDocument({
    title: `${period}${scopeName}安全生产和应急管理工作统计情况`,
    blocks: [
      {
        kind: 'paragraph',
        text: `本报告期为${cn(t.from)}至${cn(t.to)}，同比口径为上年同期（${cn(t.lastYearFrom)}至${cn(t.lastYearTo)}）。各项数字均由平台记录按统计口径计算。`,
      },
      ...blocks,
    ],
    closing: { issuer: bureau, date: cn(bureauDate(now)) },
    footer: `${period}统计情况`,
  });
  return { body, fileName: ledgerFileName(`统计情况-${scopeName}-${period}`, now, 'docx') };
}
