import { inArray, sql } from 'drizzle-orm';
import {
  accidentGrade,
  addDaysToDate,
  bureauDate,
  followUpWindow,
  investigationReportDueOn,
  isRoadOrFire,
  type TAccidentIndustry,
  type TReportStep,
} from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import { accidents, enterprises } from '../../server/src/db/schema';
import { createAuditService } from '../../server/src/modules/audit/audit.service';
import { createAccidentStatsService } from '../../server/src/modules/accident/accident-stats.service';
import { pendingColumns } from '../../server/src/modules/accident/accident.view';
import { calibratedPlan, freePlan, GROUP_OF, TYPE_BY_INDUSTRY, ZHONGSHAN, type TPlanned } from './accident-plan';
import { generateDuty } from './accident-duty';
import type { TGenerateContext, TModuleGenerator } from './generate';

/**
 * accident: five years of work-safety accidents per city (issue 16), about 45 a year for Zhongshan, with a realistic
 * mix of classes and industries and some late report steps. Zhongshan's 2023–2025 are planned so that the statistics
 * reproduce the seed (§二(二)1(2), §二(二)3(8)) from the rows: in 2024 against 2023, 11 towns with both fewer
 * accidents and fewer deaths, 工贸 18 → 7 accidents (−61.1 %) and 16 → 6 deaths (−62.5 %); in Q1 2025 against
 * Q1 2024, 工贸 3 → 1 for both (−66.7 %). Nothing is stored but the accidents: the figures come from the statistics.
 * Also a duty roster for the last 30 and the next 14 days (one future day left without an officer, to be flagged)
 * and a duty log.
 */

export const accidentGenerator: TModuleGenerator = {
  module: 'accident',
  async generate(ctx) {
    const random = ctx.random.fork('accident');
    const now = new Date(ctx.now);
    const today = bureauDate(now);
    const townsByCity = new Map<string, string[]>();
    for (const t of ctx.divisions.towns) townsByCity.set(t.code.slice(0, 4), [...(townsByCity.get(t.code.slice(0, 4)) ?? []), t.code]);
    const firms = await ctx.db
      .select({
        id: enterprises.id,
        name: enterprises.name,
        divisionCode: enterprises.divisionCode,
        category: enterprises.supervisionCategory,
      })
      .from(enterprises)
      .where(inArray(enterprises.supervisionCategory, [...GROUP_OF.keys()]));
    const firmsBy = new Map<string, typeof firms>();
    for (const f of firms) {
      const key = `${f.divisionCode}|${GROUP_OF.get(f.category)}`;
      firmsBy.set(key, [...(firmsBy.get(key) ?? []), f]);
    }

    const plan: TPlanned[] = [];
    const start = `${Number(today.slice(0, 4)) - 4}-01-01`;
    for (const [city, towns] of townsByCity) {
      if (city === ZHONGSHAN && towns.length >= 23) {
        plan.push(...calibratedPlan(random, towns));
        for (const [from, to] of [
          [start, '2022-12-31'],
          ['2025-01-01', '2025-12-31'],
          ['2026-01-01', today],
        ] as const) {
          if (from > today || from > to) continue;
          plan.push(...freePlan(random, towns, from, to < today ? to : today, 36, from.startsWith('2025') ? '2025-03-31' : undefined));
        }
      } else plan.push(...freePlan(random, towns, start, today, Math.max(10, towns.length * 2)));
    }

    const rows: (typeof accidents.$inferInsert)[] = [];
    for (const p of plan.sort((a, b) => a.date.localeCompare(b.date) || a.town.localeCompare(b.town))) {
      const occurredAt = new Date(Date.parse(`${p.date}T00:00:00+08:00`) + random.int(6 * 60, 22 * 60) * 60_000);
      if (occurredAt > now) continue;
      const group = p.industry === '工贸' || p.industry === '危险化学品' ? p.industry : null;
      const candidates = group ? firmsBy.get(`${p.town}|${group}`) : undefined;
      const firm = candidates?.length ? random.pick(candidates) : null;
      const accidentType = random.pick(TYPE_BY_INDUSTRY[p.industry]);
      const known = new Date(occurredAt.getTime() + random.int(2, 40) * 60_000);
      // One report in ten is late at the unit, one in twelve at the town.
      const unitUp = new Date(known.getTime() + (random.chance(0.1) ? random.int(61, 180) : random.int(5, 60)) * 60_000);
      const townUp = new Date(unitUp.getTime() + (random.chance(0.08) ? random.int(121, 300) : random.int(10, 120)) * 60_000);
      const chain: TReportStep[] = [
        { level: 'unit', receivedAt: null, passedUpAt: unitUp.toISOString() },
        { level: 'town', receivedAt: unitUp.toISOString(), passedUpAt: townUp > now ? null : townUp.toISOString() },
        ...(townUp > now ? [] : [{ level: 'city' as const, receivedAt: townUp.toISOString(), passedUpAt: null }]),
      ];
      const figures = {
        deaths: p.deaths,
        missing: 0,
        seriousInjuries: random.chance(0.3) ? random.int(1, 3) : 0,
        minorInjuries: random.int(0, 3),
        lossFen: random.int(5, 300) * 10_000_00,
      };
      const grade = accidentGrade(figures);
      const industry = firm ? (p.industry as TAccidentIndustry) : p.industry;
      const window = followUpWindow({ occurredAt: occurredAt.toISOString(), roadOrFire: isRoadOrFire(accidentType, industry), now });
      const fatal = p.deaths > 0;
      const old = addDaysToDate(p.date, 120) < today;
      const reportDue = investigationReportDueOn({ accidentDate: p.date, extensionDays: null });
      const submitted = old ? addDaysToDate(p.date, random.int(40, 60)) : null;
      const replied = old && submitted ? addDaysToDate(submitted, random.int(5, 15)) : null;
      const stamp = (d: string) => `${d}T02:00:00.000Z`;
      rows.push({
        kind: 'accident',
        title: `${firm?.name ?? (industry === '道路运输' ? '某运输公司' : industry === '建筑施工' ? '某建设工程项目' : '某单位')}${accidentType === 'vehicle' ? '车辆伤害' : ''}事故`,
        enterpriseId: firm?.id ?? null,
        partyName:
          firm?.name ?? (industry === '建筑施工' ? '某建设工程项目部' : industry === '道路运输' ? '某道路运输有限公司' : '某个体经营户'),
        divisionCode: p.town,
        industry,
        supervisionCategory: firm?.category ?? null,
        accidentType,
        place: '事故现场',
        occurredAt: occurredAt.toISOString(),
        occurredOn: p.date,
        knownAt: known.toISOString(),
        summary: fatal ? `作业中发生事故，造成 ${p.deaths} 人死亡` : '作业中发生事故，造成人员受伤',
        measures: random.chance(0.9) ? '已组织救援、保护现场并责令停产整顿' : '',
        ...figures,
        grade,
        chain,
        ...pendingColumns({ grade, knownAt: known.toISOString(), chain }, now),
        followUpLastDay: window.lastDay,
        followUpCount: 0,
        ...(fatal
          ? {
              investigationLeadUnit: firm ? '中山市应急管理局' : '镇街事故调查组',
              investigationStartedOn: addDaysToDate(p.date, 1) <= today ? addDaysToDate(p.date, 1) : p.date,
              investigationReportDueOn: reportDue,
              investigationReportSubmittedOn: submitted,
              investigationParties: submitted
                ? [{ party: firm?.name ?? '事故单位', finding: '未落实安全生产主体责任', recommendedPenalty: '依法给予行政处罚' }]
                : null,
              investigationRepliedOn: replied,
            }
          : {}),
        closed: old,
        closedAt: old ? stamp(replied ?? addDaysToDate(p.date, 30)) : null,
        closedNote: old ? '已结案' : null,
        createdAt: occurredAt.toISOString(),
        updatedAt: occurredAt.toISOString(),
      });
      ctx.fingerprint.update(`${p.town}|${p.date}|${p.deaths}|${industry}|${firm?.id ?? ''}\n`);
    }
    for (let i = 0; i < rows.length; i += ctx.batchSize) await ctx.db.insert(accidents).values(rows.slice(i, i + ctx.batchSize));

    return { accidents: rows.length, ...(await generateDuty(ctx, today)) };
  },
};

/** What the demo prints: the seed's figures as the statistics compute them from the generated rows. */
export async function accidentDemoLines(db: TGenerateContext['db']): Promise<string[]> {
  const [bureau] = await queryRows<{ id: number; username: string; display_name: string }>(
    db,
    sql`SELECT id, username, display_name FROM users WHERE role = 'bureau_officer' AND division_code = ${ZHONGSHAN} ORDER BY id LIMIT 1`,
  );
  if (!bureau) return [];
  const ctx = {
    actor: {
      id: bureau.id,
      username: bureau.username,
      displayName: bureau.display_name,
      role: 'bureau_officer' as const,
      divisionCode: ZHONGSHAN,
    },
    clientAddress: null,
  };
  const stats = createAccidentStatsService({ db, clock: () => new Date(), audit: createAuditService({ clock: () => new Date() }) });
  const y = await stats.stats(ctx, { period: '2024', kind: 'accident' });
  const q = await stats.stats(ctx, { period: '2025-Q1', kind: 'accident' });
  const gm = (s: typeof y) => s.byIndustry.find((r) => r.key === '工贸')!;
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
  return [
    '[demo] 事故统计（由事故记录计算，事故统计页可查）：',
    `[demo]   2024 年与 2023 年相比：${y.doubleDeclineTowns.length} 个镇街事故起数和死亡人数双下降（${y.doubleDeclineTowns.map((t) => t.name).join('、')}）`,
    `[demo]   工贸行业 2024 年：事故 ${gm(y).current.count} 起（${pct(gm(y).countChange)}），死亡 ${gm(y).current.deaths} 人（${pct(gm(y).deathsChange)}）`,
    `[demo]   工贸行业 2025 年一季度：事故 ${gm(q).current.count} 起（${pct(gm(q).countChange)}），死亡 ${gm(q).current.deaths} 人（${pct(gm(q).deathsChange)}）`,
  ];
}
