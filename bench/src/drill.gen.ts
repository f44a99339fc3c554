import { sql } from 'drizzle-orm';
import {
  DEFAULT_DRILL_DUTIES,
  addDaysToDate,
  addMonthsToDate,
  bureauDate,
  nextDrillDue,
  requiredInterval,
  type TDrillForm,
  type TEmergencyPlanKind,
  type TEmergencyPlanLevel,
  type TPhaseTimes,
} from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import { drills, drillTasks, emergencyPlans, enterprises, trainingSessions } from '../../server/src/db/schema';
import { createAuditService } from '../../server/src/modules/audit/audit.service';
import { createTrainingService } from '../../server/src/modules/drill/training.service';
import type { TGenerateContext, TModuleGenerator } from './generate';
import type { TRandom } from './prng';

/**
 * drill (issue 18): each city's plan system (city special, overall and department plans, three plans per town) and
 * 40,000 enterprise plans over the generated firms, five years of drills with the plans' last drill kept as the
 * service keeps it, Zhongshan's seed drills (the 2025 fireworks drill with 14 retailers observing, the single-blind
 * forest-fire drill with its six phases, the 2024 hazardous-chemicals leak drill and its review), review tasks in
 * every state, the year's drill plan with joint army–civil subjects, and training sessions whose rows sum to the
 * seed's figures (§二(一)1, §二(三)3(7), §三): 1,300 officers trained in 2024–2025, 2,601 sessions for 89,730
 * principal persons, about 750 town 三防 staff.
 */
const ZHONGSHAN = '4420';
export const ENTERPRISE_PLAN_TARGET = 40_000;

type TPlanSeed = {
  name: string;
  level: TEmergencyPlanLevel;
  kind: TEmergencyPlanKind;
  ownerUnit: string;
  workSafety: boolean;
  accidentTypes?: string[];
  disasterTypes?: string[];
};

const CITY_PLANS: TPlanSeed[] = [
  { name: '突发事件总体应急预案', level: 'city', kind: 'overall', ownerUnit: '市人民政府', workSafety: false },
  {
    name: '生产安全事故应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: true,
    accidentTypes: ['other_injury'],
  },
  {
    name: '烟花爆竹生产安全事故应急救援预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: true,
    accidentTypes: ['gunpowder_explosion', 'fire'],
  },
  {
    name: '危险化学品事故应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: true,
    accidentTypes: ['poisoning_asphyxia', 'fire', 'other_explosion'],
  },
  {
    name: '森林火灾应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: false,
    disasterTypes: ['forest_fire'],
  },
  {
    name: '防汛防旱防风应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市三防指挥部',
    workSafety: false,
    disasterTypes: ['typhoon', 'rainstorm', 'waterlogging'],
  },
  {
    name: '燃气事故应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市住房和城乡建设局',
    workSafety: true,
    accidentTypes: ['other_explosion', 'fire'],
  },
  {
    name: '建设工程施工安全事故应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市住房和城乡建设局',
    workSafety: true,
    accidentTypes: ['collapse', 'fall_from_height'],
  },
  {
    name: '应急避难场所启用预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: false,
    disasterTypes: ['typhoon', 'other'],
  },
  {
    name: '自然灾害救助应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: false,
    disasterTypes: ['typhoon', 'rainstorm'],
  },
  { name: '地质灾害应急预案', level: 'city', kind: 'special', ownerUnit: '市自然资源局', workSafety: false, disasterTypes: ['geological'] },
  { name: '应急管理局突发事件应急预案', level: 'department', kind: 'department', ownerUnit: '市应急管理局', workSafety: true },
  {
    name: '交通运输局道路运输事故应急预案',
    level: 'department',
    kind: 'department',
    ownerUnit: '市交通运输局',
    workSafety: true,
    accidentTypes: ['vehicle'],
  },
  {
    name: '供销社烟花爆竹经营安全应急预案',
    level: 'department',
    kind: 'department',
    ownerUnit: '市供销合作联社',
    workSafety: true,
    accidentTypes: ['gunpowder_explosion'],
  },
  {
    name: '水务局水旱灾害防御应急预案',
    level: 'department',
    kind: 'department',
    ownerUnit: '市水务局',
    workSafety: false,
    disasterTypes: ['rainstorm'],
  },
];
const TOWN_PLANS: TPlanSeed[] = [
  { name: '突发事件总体应急预案', level: 'town', kind: 'overall', ownerUnit: '', workSafety: false },
  { name: '生产安全事故应急预案', level: 'town', kind: 'special', ownerUnit: '', workSafety: true },
  { name: '三防应急预案', level: 'town', kind: 'special', ownerUnit: '', workSafety: false, disasterTypes: ['typhoon', 'rainstorm'] },
];
const HIGH_RISK_PREFIXES = ['hc_', 'fw_', 'mine', 'metal'];

const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;
const phasesOn = (date: string, rows: [string, string, string, string, string][]): TPhaseTimes[] =>
  rows.map(([name, ps, pe, as, ae]) => ({
    name,
    plannedStart: at(date, ps),
    plannedEnd: at(date, pe),
    actualStart: at(date, as),
    actualEnd: at(date, ae),
  }));

/** Splits `total` into `parts` whole numbers near `total / parts`, summing exactly to `total`. */
export function splitTotal(random: TRandom, total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const out = Array.from({ length: parts }, () => base);
  for (let i = 0; i < total - base * parts; i++) out[i % parts]! += 1;
  // move some people between sessions so they differ, keeping the sum and every count ≥ 1
  for (let i = 0; i + 1 < parts; i += 2) {
    const shift = random.int(0, Math.max(0, Math.min(out[i]!, out[i + 1]!) - 1) >> 1);
    out[i]! -= shift;
    out[i + 1]! += shift;
  }
  return out;
}

type TDrillInsert = typeof drills.$inferInsert;
type TPlanInsert = typeof emergencyPlans.$inferInsert;

export const drillGenerator: TModuleGenerator = {
  module: 'drill',
  async generate(ctx) {
    const random = ctx.random.fork('drill');
    const today = bureauDate(new Date(ctx.now));
    const year = Number(today.slice(0, 4));
    const stamp = ctx.now;
    const users = await queryRows<{ id: number; role: string; division_code: string }>(
      ctx.db,
      sql`SELECT id, role, division_code FROM users WHERE role IN ('bureau_officer', 'town_officer', 'bureau_leader') ORDER BY id`,
    );
    const officersOf = (code: string) => users.filter((u) => u.division_code.startsWith(code) && u.role !== 'bureau_leader');

    const duty = (p: Pick<TPlanInsert, 'level' | 'kind' | 'workSafety' | 'highRisk'>) =>
      requiredInterval(
        { level: p.level, kind: p.kind, workSafety: p.workSafety ?? false, highRisk: p.highRisk ?? false },
        DEFAULT_DRILL_DUTIES,
      );

    // 1. Government plans: the city's, then three per town.
    const govPlans: TPlanInsert[] = [];
    for (const city of ctx.divisions.cities) {
      const cityName = city.name;
      for (const p of CITY_PLANS)
        govPlans.push({
          name: `${cityName}${p.name}`,
          level: p.level,
          kind: p.kind,
          ownerUnit: p.ownerUnit.replace(/^市/, `${cityName}`),
          divisionCode: city.code,
          issuedOn: `${random.int(2019, 2023)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
          status: 'in_force',
          workSafety: p.workSafety,
          accidentTypes: p.accidentTypes ?? [],
          disasterTypes: p.disasterTypes ?? [],
          createdAt: stamp,
          updatedAt: stamp,
        });
    }
    for (const town of ctx.divisions.towns)
      for (const p of TOWN_PLANS)
        govPlans.push({
          name: `${town.name}${p.name}`,
          level: p.level,
          kind: p.kind,
          ownerUnit: `${town.name}${town.code.slice(6, 7) === '0' ? '办事处' : '人民政府'}`,
          divisionCode: town.code,
          issuedOn: `${random.int(2020, 2024)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
          status: 'in_force',
          workSafety: p.workSafety,
          disasterTypes: p.disasterTypes ?? [],
          createdAt: stamp,
          updatedAt: stamp,
        });

    // 2. Enterprise plans: every firm's comprehensive plan, then on-site disposal plans of high-risk firms, to the target.
    const firms = await ctx.db
      .select({
        id: enterprises.id,
        name: enterprises.name,
        divisionCode: enterprises.divisionCode,
        category: enterprises.supervisionCategory,
      })
      .from(enterprises)
      .orderBy(enterprises.id)
      .limit(ENTERPRISE_PLAN_TARGET);
    const highRisk = (category: string) => HIGH_RISK_PREFIXES.some((p) => category.startsWith(p));
    const firmPlans: TPlanInsert[] = [];
    const firmPlan = (f: (typeof firms)[number], kind: TEmergencyPlanKind): TPlanInsert => ({
      name: kind === 'onsite' ? `${f.name}现场处置方案` : `${f.name}生产安全事故综合应急预案`,
      level: 'enterprise',
      kind,
      ownerUnit: f.name,
      enterpriseId: f.id,
      divisionCode: f.divisionCode,
      issuedOn: addDaysToDate(today, -random.int(200, 2000)),
      status: 'in_force',
      workSafety: true,
      highRisk: highRisk(f.category),
      createdAt: stamp,
      updatedAt: stamp,
    });
    for (const f of firms) firmPlans.push(firmPlan(f, 'overall'));
    for (const f of firms.filter((x) => highRisk(x.category)))
      if (firmPlans.length < ENTERPRISE_PLAN_TARGET) firmPlans.push(firmPlan(f, 'onsite'));
    for (let i = 0; firmPlans.length < ENTERPRISE_PLAN_TARGET && firms.length > 0; i++)
      firmPlans.push(firmPlan(firms[i % firms.length]!, 'onsite'));

    // 3. Each plan's last drill: most on time, some overdue, some never drilled; one drill row per drilled plan.
    const allPlans = [...govPlans, ...firmPlans];
    const lastDrill = new Map<number, string>();
    allPlans.forEach((p, i) => {
      const interval = duty(p);
      p.intervalMonths = interval?.months ?? null;
      p.dutyBasis = interval?.basis ?? null;
      if (!interval) return;
      const r = random.next();
      const months = interval.months;
      const back = r < 0.75 ? random.int(10, months * 30 - 10) : r < 0.9 ? random.int(months * 30 + 15, months * 30 + 300) : null;
      if (back === null) return;
      const day = addDaysToDate(today, -back);
      if (day > p.issuedOn) lastDrill.set(i, day);
    });
    // Zhongshan's seed drills take the place of the generic last drill of their plans (set below).
    const planIds: number[] = [];
    for (let i = 0; i < allPlans.length; i += ctx.batchSize) {
      const batch = allPlans.slice(i, i + ctx.batchSize).map((p, j) => {
        const last = lastDrill.get(i + j) ?? null;
        return {
          ...p,
          lastDrillOn: last,
          nextDueOn: nextDrillDue({ issuedOn: p.issuedOn, lastDrillOn: last, intervalMonths: p.intervalMonths ?? null }),
        };
      });
      const ids = await ctx.db.insert(emergencyPlans).values(batch).returning({ id: emergencyPlans.id });
      planIds.push(...ids.map((r) => r.id));
    }
    const forms: TDrillForm[] = ['live', 'tabletop', 'combined'];
    const drillRows: TDrillInsert[] = [];
    for (const [i, day] of lastDrill) {
      const p = allPlans[i]!;
      drillRows.push({
        title: `${p.name.replace(/应急预案$|应急救援预案$|现场处置方案$|生产安全事故综合应急预案$/, '')}${day.slice(0, 4)}年应急演练`,
        planId: planIds[i]!,
        enterpriseId: p.enterpriseId ?? null,
        divisionCode: p.divisionCode,
        status: 'done',
        plannedOn: day,
        heldOn: day,
        form: p.level === 'enterprise' ? random.pick(['live', 'tabletop'] as const) : random.pick(forms),
        notice: random.chance(0.08) ? 'single_blind' : 'announced',
        organiser: p.ownerUnit,
        participantCount: random.int(8, 120),
        selfRun: random.chance(0.85),
        costFen: p.level === 'enterprise' ? random.int(0, 300) * 10_000 : random.int(20, 400) * 10_000,
        createdAt: stamp,
        updatedAt: stamp,
      });
    }
    // Earlier drills of government plans over five years (history; the plan's last drill stays the latest).
    govPlans.forEach((p, i) => {
      const last = lastDrill.get(i);
      if (!last || !p.intervalMonths) return;
      for (
        let d = addMonthsToDate(last, -p.intervalMonths);
        d > p.issuedOn && d >= `${year - 5}-01-01`;
        d = addMonthsToDate(d, -p.intervalMonths)
      )
        drillRows.push({
          title: `${p.name.replace(/应急预案$|应急救援预案$/, '')}${d.slice(0, 4)}年应急演练`,
          planId: planIds[i]!,
          divisionCode: p.divisionCode,
          status: 'done',
          plannedOn: d,
          heldOn: d,
          form: random.pick(forms),
          notice: 'announced',
          organiser: p.ownerUnit,
          participantCount: random.int(30, 300),
          selfRun: random.chance(0.7),
          costFen: random.int(20, 400) * 10_000,
          createdAt: stamp,
          updatedAt: stamp,
        });
    });

    // 4. Zhongshan's seed drills, the year's plan and the reviews.
    const seeded = ctx.divisions.cities.some((c) => c.code === ZHONGSHAN);
    const planOf = (name: string) => planIds[govPlans.findIndex((p) => p.divisionCode === ZHONGSHAN && p.name === `中山市${name}`)]!;
    const seedDrills: (TDrillInsert & { key: string })[] = [];
    if (seeded) {
      const retailers = Array.from(
        { length: 14 },
        (_, i) =>
          `三乡镇${['金星', '福临', '鸿运', '吉祥', '兴隆', '万福', '平安', '永利', '红运', '富贵', '喜乐', '祥和', '旺达', '顺景'][i]}烟花爆竹零售店`,
      );
      seedDrills.push(
        {
          key: 'fireworks',
          title: '2025年度烟花爆竹生产安全事故应急救援演练',
          planId: planOf('烟花爆竹生产安全事故应急救援预案'),
          divisionCode: '442000114',
          status: 'done',
          plannedOn: '2025-01-16',
          heldOn: '2025-01-16',
          form: 'combined',
          notice: 'announced',
          organiser: '中山市安全生产委员会办公室',
          participants: [
            '中山市应急管理局',
            '中山市消防救援支队',
            '中山市公安局',
            '中山市交通运输局',
            '中山市供销合作联社',
            '三乡镇人民政府',
          ],
          observers: retailers,
          observerCount: 14,
          participantCount: 160,
          selfRun: true,
          costFen: 8_600_000,
          phases: phasesOn('2025-01-16', [
            ['事故报警', '09:30', '09:35', '09:30', '09:36'],
            ['应急响应启动', '09:35', '09:45', '09:36', '09:47'],
            ['人员紧急疏散', '09:45', '10:00', '09:47', '10:03'],
            ['火灾扑救', '09:50', '10:20', '09:52', '10:25'],
            ['伤员急救转运', '10:00', '10:20', '10:03', '10:21'],
            ['信息发布与舆情应对', '10:20', '10:40', '10:25', '10:45'],
          ]),
          summary: '14家烟花爆竹零售店主要负责人到场观摩学习；检验市、镇（街道）、企三级应急预案的针对性与可操作性。',
          createdAt: stamp,
          updatedAt: stamp,
        },
        {
          key: 'forest',
          title: '2025年森林火灾应急综合演练（单盲，军地联演）',
          planId: planOf('森林火灾应急预案'),
          divisionCode: '442000006',
          status: 'done',
          plannedOn: '2025-03-27',
          heldOn: '2025-03-27',
          form: 'combined',
          notice: 'single_blind',
          organiser: '中山市森林消防支队',
          participants: ['中山军分区', '五桂山街道办事处', '中山市公安局交通警察支队'],
          participantCount: 220,
          jointMilitary: true,
          selfRun: true,
          costFen: 12_500_000,
          phases: phasesOn('2025-03-27', [
            ['火情上报', '14:00', '14:08', '14:00', '14:12'],
            ['交通管制', '14:08', '14:30', '14:12', '14:40'],
            ['人员疏散', '14:30', '15:00', '14:40', '15:05'],
            ['火场指挥调度', '14:10', '16:00', '14:15', '16:10'],
            ['明火处置', '15:00', '16:00', '15:05', '16:05'],
            ['火场清理', '16:00', '17:00', '16:05', '17:00'],
          ]),
          summary: '按实战要求开展单盲演练（不通知时间），检验军地应急联训联演机制。',
          createdAt: stamp,
          updatedAt: stamp,
        },
        {
          key: 'chemicals',
          title: '2024年危险化学品泄漏事故应急演练',
          planId: planOf('危险化学品事故应急预案'),
          divisionCode: '442000101',
          status: 'done',
          plannedOn: '2024-06-18',
          heldOn: '2024-06-18',
          form: 'live',
          notice: 'announced',
          organiser: '中山市应急管理局',
          participants: ['中山市消防救援支队', '中山市生态环境局', '黄圃镇人民政府'],
          participantCount: 140,
          selfRun: true,
          costFen: 9_800_000,
          phases: phasesOn('2024-06-18', [
            ['泄漏报警', '09:00', '09:05', '09:00', '09:09'],
            ['警戒疏散', '09:05', '09:30', '09:09', '09:38'],
            ['堵漏处置', '09:30', '10:30', '09:38', '10:35'],
            ['环境监测', '09:40', '11:00', '09:45', '11:00'],
          ]),
          createdAt: stamp,
          updatedAt: stamp,
        },
        // the year's drill plan, with the joint army–civil subjects adopted at the March meeting
        ...(
          [
            ['军地联合防汛抢险演练', '防汛防旱防风应急预案', `${year}-05-20`, true],
            ['军地联合森林防灭火演练', '森林火灾应急预案', `${year}-11-12`, true],
            ['燃气泄漏事故桌面推演', '燃气事故应急预案', `${year}-09-10`, false],
            ['应急避难场所开放演练', '应急避难场所启用预案', `${year}-07-08`, false],
          ] as const
        ).map(([title, plan, day, joint]) => ({
          key: `plan-${title}`,
          title: `${year}年${title}`,
          planId: planOf(plan),
          divisionCode: ZHONGSHAN,
          status: (day > today ? 'planned' : 'done') as 'planned' | 'done',
          plannedOn: day,
          heldOn: day > today ? null : day,
          form: (title.includes('桌面') ? 'tabletop' : 'combined') as TDrillForm,
          notice: 'announced' as const,
          organiser: joint ? '中山市应急管理局、中山军分区' : '中山市应急管理局',
          jointMilitary: joint,
          createdAt: stamp,
          updatedAt: stamp,
        })),
      );
    }
    const allDrills = [...drillRows, ...seedDrills.map(({ key: _k, ...d }) => d)];
    const drillIds: number[] = [];
    for (let i = 0; i < allDrills.length; i += ctx.batchSize) {
      const ids = await ctx.db
        .insert(drills)
        .values(allDrills.slice(i, i + ctx.batchSize))
        .returning({ id: drills.id });
      drillIds.push(...ids.map((r) => r.id));
    }
    // the plans' stored last drill, as each drill's transaction keeps it: the latest held drill of the plan
    await ctx.db.execute(sql`
      UPDATE emergency_plans p SET last_drill_on = d.held_on, last_drill_id = d.id,
        next_due_on = CASE WHEN p.interval_months IS NULL THEN NULL ELSE (d.held_on + make_interval(months => p.interval_months))::date END
      FROM (SELECT DISTINCT ON (plan_id) plan_id, id, held_on FROM drills WHERE status = 'done' ORDER BY plan_id, held_on DESC, id DESC) d
      WHERE d.plan_id = p.id AND (p.last_drill_id IS DISTINCT FROM d.id)`);

    // review (复盘) tasks in every state: the 2024 chemicals drill and the 2025 forest-fire drill
    const tasks: (typeof drillTasks.$inferInsert)[] = [];
    if (seeded) {
      const idOf = (key: string) => drillIds[drillRows.length + seedDrills.findIndex((d) => d.key === key)]!;
      const townOwner = (code: string) => officersOf(code)[0] ?? officersOf(ZHONGSHAN)[0]!;
      const bureauOwner = officersOf(ZHONGSHAN).find((u) => u.role === 'bureau_officer')!;
      const signer = users.find((u) => u.role === 'bureau_leader' && u.division_code === ZHONGSHAN)!;
      const task = (
        key: string,
        divisionCode: string,
        phase: string,
        finding: string,
        unit: string,
        owner: { id: number },
        deadline: string,
        state: 'open' | 'done' | 'signed_off',
        evidence?: string,
      ) =>
        tasks.push({
          drillId: idOf(key),
          divisionCode,
          phase,
          finding,
          unit,
          ownerId: owner.id,
          deadline,
          state,
          evidence: state === 'open' ? null : (evidence ?? '已整改并提交相关制度文件'),
          completedAt: state === 'open' ? null : `${deadline}T02:00:00.000Z`,
          signedOffBy: state === 'signed_off' ? signer.id : null,
          signedOffAt: state === 'signed_off' ? `${addDaysToDate(deadline, 3)}T02:00:00.000Z` : null,
          createdAt: stamp,
        });
      task(
        'chemicals',
        '442000101',
        '警戒疏散',
        '警戒区划定偏小，下风向群众疏散滞后',
        '黄圃镇人民政府',
        townOwner('442000101'),
        '2024-08-31',
        'signed_off',
        '已重新测算警戒距离，修订疏散方案',
      );
      task(
        'chemicals',
        '442000101',
        '环境监测',
        '环境监测数据未及时同步指挥部',
        '中山市生态环境局',
        bureauOwner,
        '2024-09-30',
        'signed_off',
      );
      task(
        'chemicals',
        '442000101',
        '总体',
        '演练拍摄摆拍痕迹重，未以现场实况记录为主',
        '中山市应急管理局',
        bureauOwner,
        '2024-07-31',
        'signed_off',
        '已印发演练拍摄工作规范',
      );
      task(
        'forest',
        '442000006',
        '交通管制',
        '交通管制点位设置滞后，社会车辆进入警戒区',
        '中山市公安局交通警察支队',
        bureauOwner,
        '2025-05-31',
        'done',
        '已增设 4 个管制点并修订分工',
      );
      task(
        'forest',
        '442000006',
        '火情上报',
        '村级火情上报链不畅，上报超时 4 分钟',
        '五桂山街道办事处',
        townOwner('442000006'),
        addDaysToDate(today, 20),
        'open',
      );
      task(
        'forest',
        '442000006',
        '人员疏散',
        '紧急避险设施未纳入疏散路线',
        '五桂山街道办事处',
        townOwner('442000006'),
        addDaysToDate(today, -15),
        'open',
      );
      task(
        'fireworks',
        '442000114',
        '信息发布与舆情应对',
        '信息发布口径未经指挥部审核',
        '中山市应急管理局',
        bureauOwner,
        '2025-03-31',
        'signed_off',
      );
      await ctx.db.insert(drillTasks).values(tasks);
    }

    // 5. Training sessions (Zhongshan): rows summing to the seed's figures.
    const sessions: (typeof trainingSessions.$inferInsert)[] = [];
    if (seeded) {
      const towns = ctx.divisions.towns.filter((t) => t.code.startsWith(ZHONGSHAN));
      const session = (
        s: Partial<typeof trainingSessions.$inferInsert> & Pick<typeof trainingSessions.$inferInsert, 'topic' | 'kind' | 'heldOn'>,
      ) =>
        sessions.push({ mode: 'onsite', organiser: '中山市应急管理局', divisionCode: ZHONGSHAN, status: 'done', createdAt: stamp, ...s });
      // 近两年累计培训执法人员 1300 余人次: five districts (片区), 2024–2025
      const officerCounts = splitTotal(random, 1300, 40);
      officerCounts.forEach((n, i) =>
        session({
          topic: `执法业务片区培训（第${['一', '二', '三', '四', '五'][i % 5]}片区）`,
          kind: 'officer',
          heldOn: addDaysToDate('2024-01-08', i * 18),
          officers: n,
          passed: n - random.int(0, 2),
        }),
      );
      // 主要负责人专题安全教育培训 2601 次、89730 人次 (治本攻坚三年行动以来, from 2024)
      const principalCounts = splitTotal(random, 89_730, 2601);
      principalCounts.forEach((n, i) => {
        const town = towns[i % towns.length]!;
        session({
          topic: '生产经营单位主要负责人安全生产专题培训',
          kind: 'principal',
          heldOn: addDaysToDate('2024-01-15', Math.floor((i * 640) / 2601)),
          organiser: `${town.name}应急管理办公室`,
          divisionCode: town.code,
          mode: i % 7 === 0 ? 'online' : 'onsite',
          principals: n,
        });
      });
      // 2025 年 4 月，各镇街三防工作相关负责人约 750 人
      session({
        topic: '镇街三防工作业务培训',
        kind: 'sanfang',
        heldOn: '2025-04-16',
        organiser: '中山市三防指挥部办公室',
        sanfangStaff: 750,
        passed: 750,
      });
      // 市森林消防支队 3 次到五桂山、翠亨新区开展森林防灭火业务培训，约 100 人
      for (const [day, n, code] of [
        ['2025-02-20', 34, '442000006'],
        ['2025-02-27', 33, '442000006'],
        ['2025-03-06', 33, '442000008'],
      ] as const)
        session({
          topic: '森林防灭火业务培训（镇村）',
          kind: 'public',
          heldOn: day,
          organiser: '中山市森林消防支队',
          divisionCode: code,
          publicPeople: n,
        });
      // the year's planned sessions, for the calendar
      session({
        topic: '汛前三防业务培训',
        kind: 'sanfang',
        heldOn: `${year + 1}-04-10`,
        organiser: '中山市三防指挥部办公室',
        status: 'planned',
        sanfangStaff: 700,
      });
      for (let i = 0; i < sessions.length; i += ctx.batchSize)
        await ctx.db.insert(trainingSessions).values(sessions.slice(i, i + ctx.batchSize));
    }
    ctx.fingerprint.update(`drill:${allPlans.length}:${allDrills.length}:${tasks.length}:${sessions.length}`);
    return {
      emergency_plans: allPlans.length,
      enterprise_plans: firmPlans.length,
      drills: allDrills.length,
      drill_tasks: tasks.length,
      training_sessions: sessions.length,
    };
  },
};

/** What the demo prints: the seed's training figures as the totals compute them from the generated rows. */
export async function drillDemoLines(db: TGenerateContext['db']): Promise<string[]> {
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
  const training = createTrainingService({ db, clock: () => new Date(), audit: createAuditService({ clock: () => new Date() }) });
  const two = await training.totals(ctx, { by: 'kind', from: '2024-01-01', to: '2025-12-31' });
  const row = (k: string) => two.rows.find((r) => r.key === k);
  const [overdue] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM emergency_plans WHERE next_due_on < ${bureauDate(new Date())} AND division_code LIKE '4420%'`,
  );
  return [
    '[demo] 预案、演练与培训（由记录求和，培训记录页可查）：',
    `[demo]   2024–2025 年执法人员培训 ${row('officer')?.officers ?? 0} 人次；主要负责人专题培训 ${row('principal')?.sessions ?? 0} 次、${row('principal')?.principals ?? 0} 人次；镇街三防工作人员 ${row('sanfang')?.sanfangStaff ?? 0} 人`,
    `[demo]   逾期未演练的应急预案 ${overdue?.n ?? 0} 项（应急预案页、演练履职页）`,
  ];
}
