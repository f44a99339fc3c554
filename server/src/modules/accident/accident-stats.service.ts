/**
 * Accident statistics from the records (never stored figures): totals, by town, industry, type, grade and month for a
 * period against the same period a year before, the towns with both counts and deaths down (双下降), and reporting
 * quality by town; the ledger and the statistics as Excel.
 */
import {
  accidentEndpoints,
  ACCIDENT_GRADE_LABELS,
  ACCIDENT_GRADES,
  ACCIDENT_INDUSTRIES,
  ACCIDENT_TYPE_LABELS,
  ACCIDENT_TYPES,
  EMERGENCY_TYPE_LABELS,
  EMERGENCY_TYPES,
  REPORT_FINDING_KINDS,
  REPORT_FINDING_LABELS,
  REPORT_LEVEL_LABELS,
  bureauDate,
  isDoubleDecline,
  percentChange,
  periodRange,
  type TAccidentCompareRow,
  type TAccidentListQuery,
  type TAccidentStats,
} from '@yingji/domain';
import { requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import { createKeptJson } from '../../kit/snapshot-cache';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import * as repo from './accident.repo';
import { clocksOf, lateStepCount } from './accident.view';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit'>;
type TTotals = { count: number; deaths: number; injuries: number; lossFen: number };
type TStatsRow = Awaited<ReturnType<typeof repo.statsRows>>[number];

const zero = (): TTotals => ({ count: 0, deaths: 0, injuries: 0, lossFen: 0 });
const add = (t: TTotals, r: TStatsRow) => {
  t.count += 1;
  t.deaths += r.deaths;
  t.injuries += r.seriousInjuries + r.minorInjuries;
  t.lossFen += r.lossFen;
};

function compare(
  keys: readonly { key: string; label: string }[],
  current: TStatsRow[],
  previous: TStatsRow[],
  keyOf: (r: TStatsRow) => string | null,
): TAccidentCompareRow[] {
  const cur = new Map(keys.map((k) => [k.key, zero()]));
  const prev = new Map(keys.map((k) => [k.key, zero()]));
  for (const r of current) {
    const t = cur.get(keyOf(r) ?? '');
    if (t) add(t, r);
  }
  for (const r of previous) {
    const t = prev.get(keyOf(r) ?? '');
    if (t) add(t, r);
  }
  return keys.map((k) => {
    const c = cur.get(k.key)!;
    const p = prev.get(k.key)!;
    return {
      key: k.key,
      label: k.label,
      current: c,
      previous: p,
      countChange: percentChange(p.count, c.count),
      deathsChange: percentChange(p.deaths, c.deaths),
    };
  });
}

/** The months of a range (`YYYY-MM`). */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  while (`${y}-${String(m).padStart(2, '0')}` <= to.slice(0, 7)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

const yuan = (fen: number) => Math.round(fen) / 100;
const pct = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v}%`);

export function createAccidentStatsService({ db, clock, audit }: TDeps) {
  // many read the same page: kept while nothing was written, for the minute (the report clocks' states; kit/snapshot-cache.ts)
  const keptStats = createKeptJson(accidentEndpoints.stats.response, 64);

  async function stats(ctx: TRequestContext, query: { period: string; kind: 'accident' | 'emergency' }): Promise<TAccidentStats> {
    const actor = requirePermission(ctx, 'accident.read');
    const range = periodRange(query.period);
    const prevRange = periodRange(range.previous);
    const [rows, towns] = await Promise.all([
      repo.statsRows(db, actor.divisionCode, query.kind, range, prevRange),
      repo.listTowns(db, actor.divisionCode),
    ]);
    const current = rows.filter((r) => r.current);
    const previous = rows.filter((r) => !r.current);
    const townKeys = towns.map((t) => ({ key: t.code, label: t.name }));
    const byTown = compare(townKeys, current, previous, (r) => r.divisionCode).map((row) => ({
      ...row,
      doubleDecline: isDoubleDecline(row.previous, row.current),
    }));
    const typeKeys =
      query.kind === 'accident'
        ? ACCIDENT_TYPES.map((t) => ({ key: t.code as string, label: t.label as string }))
        : EMERGENCY_TYPES.map((t) => ({ key: t.code as string, label: t.label as string }));
    const months = monthsOf(range.from, range.to);
    const monthly = months.map((month) => {
      const prevMonth = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
      const c = zero();
      const p = zero();
      for (const r of current) if (r.occurredOn.startsWith(month)) add(c, r);
      for (const r of previous) if (r.occurredOn.startsWith(prevMonth)) add(p, r);
      return { month, current: c, previous: p };
    });
    const now = clock();
    // Each row's clocks once, grouped by town.
    const byTownRows = new Map<string, { row: TStatsRow; late: string[] }[]>();
    for (const r of current) {
      const late = clocksOf(r, now)
        .filter((c) => c.state === 'late' || c.state === 'overdue')
        .map((c) => c.level);
      byTownRows.set(r.divisionCode, [...(byTownRows.get(r.divisionCode) ?? []), { row: r, late }]);
    }
    const reportingRows = towns.map((t) => {
      const entries = byTownRows.get(t.code) ?? [];
      const mine = entries.map((e) => e.row);
      const lateSteps = entries.reduce((n, e) => n + e.late.length, 0);
      const lateLevels = new Map<string, number>();
      for (const e of entries) for (const level of e.late) lateLevels.set(level, (lateLevels.get(level) ?? 0) + 1);
      const found = REPORT_FINDING_KINDS.map((kind) => ({
        kind,
        n: mine.reduce((n, r) => n + (r.findingKinds?.filter((k) => k === kind).length ?? 0), 0),
      })).filter((f) => f.n > 0);
      const missingMeasures = mine.filter((r) => r.measures.trim() === '').length;
      const missingParty = mine.filter((r) => r.enterpriseId === null && !r.partyName).length;
      const lateFollowUps = mine.reduce((n, r) => n + r.lateFollowUps, 0);
      const problems = [
        ...[...lateLevels].map(([level, n]) => `${REPORT_LEVEL_LABELS[level as keyof typeof REPORT_LEVEL_LABELS]}迟报 ${n} 次`),
        ...(lateFollowUps ? [`续报超出时限 ${lateFollowUps} 次`] : []),
        ...found.map((f) => `${REPORT_FINDING_LABELS[f.kind]} ${f.n} 起`),
        ...(missingMeasures ? [`未报告已采取的措施 ${missingMeasures} 起`] : []),
        ...(missingParty ? [`缺事故单位概况 ${missingParty} 起`] : []),
      ];
      return {
        code: t.code,
        name: t.name,
        accidents: mine.length,
        lateSteps,
        lateFollowUps,
        findings: found.reduce((n, f) => n + f.n, 0),
        problems,
      };
    });
    return {
      period: query.period,
      previousPeriod: range.previous,
      range: { from: range.from, to: range.to },
      totals: compare([{ key: 'all', label: '合计' }], current, previous, () => 'all')[0]!,
      byTown,
      byIndustry: compare(
        ACCIDENT_INDUSTRIES.map((i) => ({ key: i, label: i })),
        current,
        previous,
        (r) => r.industry ?? '其他',
      ),
      byType: compare(typeKeys, current, previous, (r) => (query.kind === 'accident' ? r.accidentType : r.emergencyType)),
      byGrade: compare(
        ACCIDENT_GRADES.map((g) => ({ key: g, label: ACCIDENT_GRADE_LABELS[g] })),
        current,
        previous,
        (r) => r.grade,
      ),
      byMonth: monthly,
      doubleDeclineTowns: byTown.filter((t) => t.doubleDecline).map((t) => ({ code: t.key, name: t.label })),
      reporting: reportingRows,
    };
  }

  /** The page as JSON text, computed after a write (two statements) and given again until the next or the minute's end. */
  async function statsJson(ctx: TRequestContext, query: { period: string; kind: 'accident' | 'emergency' }): Promise<string> {
    const actor = requirePermission(ctx, 'accident.read');
    return keptStats(db, `${actor.divisionCode}|${query.kind}|${query.period}`, clock(), () => stats(ctx, query));
  }

  const compareColumns = (title: string) =>
    [
      { header: title, width: 16, value: (r: TAccidentCompareRow) => r.label },
      { header: '起数', width: 8, value: (r: TAccidentCompareRow) => r.current.count },
      { header: '同期起数', width: 10, value: (r: TAccidentCompareRow) => r.previous.count },
      { header: '起数同比', width: 10, value: (r: TAccidentCompareRow) => pct(r.countChange) },
      { header: '死亡', width: 8, value: (r: TAccidentCompareRow) => r.current.deaths },
      { header: '同期死亡', width: 10, value: (r: TAccidentCompareRow) => r.previous.deaths },
      { header: '死亡同比', width: 10, value: (r: TAccidentCompareRow) => pct(r.deathsChange) },
      { header: '受伤', width: 8, value: (r: TAccidentCompareRow) => r.current.injuries },
      { header: '直接经济损失（元）', width: 18, value: (r: TAccidentCompareRow) => yuan(r.current.lossFen) },
    ] as const;

  async function statsExport(ctx: TRequestContext, query: { period: string; kind: 'accident' | 'emergency' }) {
    const s = await stats(ctx, query);
    const body = await ledgerBuffer([
      ledgerSheet(
        '按镇街',
        [
          ...compareColumns('镇街'),
          { header: '双下降', width: 8, value: (r: TAccidentStats['byTown'][number]) => (r.doubleDecline ? '是' : '') },
        ],
        s.byTown,
      ),
      ledgerSheet('按行业', compareColumns('行业'), s.byIndustry),
      ledgerSheet('按类别', compareColumns('类别'), s.byType),
      ledgerSheet('按等级', compareColumns('等级'), s.byGrade),
      ledgerSheet(
        '按月份',
        [
          { header: '月份', width: 10, value: (r: TAccidentStats['byMonth'][number]) => r.month },
          { header: '起数', width: 8, value: (r: TAccidentStats['byMonth'][number]) => r.current.count },
          { header: '死亡', width: 8, value: (r: TAccidentStats['byMonth'][number]) => r.current.deaths },
          { header: '上年同月起数', width: 14, value: (r: TAccidentStats['byMonth'][number]) => r.previous.count },
          { header: '上年同月死亡', width: 14, value: (r: TAccidentStats['byMonth'][number]) => r.previous.deaths },
        ],
        s.byMonth,
      ),
      ledgerSheet(
        '报告质量',
        [
          { header: '镇街', width: 12, value: (r: TAccidentStats['reporting'][number]) => r.name },
          { header: '事故起数', width: 10, value: (r: TAccidentStats['reporting'][number]) => r.accidents },
          { header: '迟报环节', width: 10, value: (r: TAccidentStats['reporting'][number]) => r.lateSteps },
          { header: '续报超期', width: 10, value: (r: TAccidentStats['reporting'][number]) => r.lateFollowUps },
          { header: '漏报/谎报/瞒报', width: 14, value: (r: TAccidentStats['reporting'][number]) => r.findings },
          { header: '典型问题', width: 60, value: (r: TAccidentStats['reporting'][number]) => r.problems.join('；') },
        ],
        s.reporting,
      ),
    ]);
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'accident_stats', after: query }));
    return { body, fileName: ledgerFileName(`事故统计-${query.period}`, clock()) };
  }

  async function ledgerExport(ctx: TRequestContext, q: Omit<TAccidentListQuery, 'page' | 'pageSize'>) {
    const actor = requirePermission(ctx, 'accident.read');
    const now = clock();
    const rows = await repo.allAccidents(db, actor.divisionCode, q, 20_000);
    type R = (typeof rows)[number];
    const body = await ledgerBuffer([
      ledgerSheet<R>(
        '事故台账',
        [
          { header: '编号', width: 8, value: (r) => r.a.id },
          { header: '类别', width: 10, value: (r) => (r.a.kind === 'accident' ? '生产安全事故' : '突发事件') },
          { header: '标题', width: 30, value: (r) => r.a.title },
          { header: '发生日期', width: 12, value: (r) => r.a.occurredOn },
          { header: '镇街', width: 10, value: (r) => r.townName },
          { header: '单位', width: 30, value: (r) => r.a.partyName },
          { header: '行业', width: 10, value: (r) => r.a.industry },
          {
            header: '事故类别',
            width: 12,
            value: (r) =>
              r.a.accidentType
                ? ACCIDENT_TYPE_LABELS[r.a.accidentType as keyof typeof ACCIDENT_TYPE_LABELS]
                : r.a.emergencyType
                  ? EMERGENCY_TYPE_LABELS[r.a.emergencyType as keyof typeof EMERGENCY_TYPE_LABELS]
                  : '',
          },
          { header: '等级', width: 8, value: (r) => (r.a.grade ? ACCIDENT_GRADE_LABELS[r.a.grade] : '') },
          { header: '死亡', width: 6, value: (r) => r.a.deaths },
          { header: '失踪', width: 6, value: (r) => r.a.missing },
          { header: '重伤', width: 6, value: (r) => r.a.seriousInjuries },
          { header: '轻伤', width: 6, value: (r) => r.a.minorInjuries },
          { header: '直接经济损失（元）', width: 16, value: (r) => yuan(r.a.lossFen) },
          { header: '迟报环节', width: 8, value: (r) => lateStepCount(clocksOf(r.a, now)) },
          { header: '地点', width: 30, value: (r) => r.a.place },
          { header: '结案', width: 6, value: (r) => (r.a.closed ? '是' : '') },
        ],
        rows,
      ),
    ]);
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'accident', after: { ...q, rows: rows.length } }));
    return { body, fileName: ledgerFileName('事故台账', now), date: bureauDate(now) };
  }

  return { stats, statsJson, statsExport, ledgerExport };
}
export type TAccidentStatsService = ReturnType<typeof createAccidentStatsService>;
