import type { TDrillForm, TPhaseTimes } from '@yingji/domain';
import type { TDrillInsert } from './drill-history.gen';
import type { TDrillRun } from './drill-plans.gen';
import { ZHONGSHAN } from './drill-plans.data';

const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;
const phasesOn = (date: string, rows: [string, string, string, string, string][]): TPhaseTimes[] =>
  rows.map(([name, ps, pe, as, ae]) => ({
    name,
    plannedStart: at(date, ps),
    plannedEnd: at(date, pe),
    actualStart: at(date, as),
    actualEnd: at(date, ae),
  }));

/** A seed drill with the key its review tasks find it by. */
export type TSeedDrill = TDrillInsert & { key: string };

/**
 * Zhongshan's seed drills (the 2025 fireworks drill with 14 retailers observing, the single-blind forest-fire drill
 * with its six phases, the 2024 hazardous-chemicals leak drill) and the year's drill plan with its joint army–civil
 * subjects; `planOf` gives the id of a city plan by its name without the city's.
 */
export function zhongshanDrills({ today, year, stamp }: TDrillRun, planOf: (name: string) => number): TSeedDrill[] {
  const seedDrills: TSeedDrill[] = [];
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
      participants: ['中山市应急管理局', '中山市消防救援支队', '中山市公安局', '中山市交通运输局', '中山市供销合作联社', '三乡镇人民政府'],
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
  return seedDrills;
}
