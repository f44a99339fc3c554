import type { TCircumstance, TDiscretionBand, TFineRange, TOtherPenalty, TPenaltyTarget } from './case.schema';

/**
 * The starter violation catalogue (违法行为及处罚依据), 《安全生产法》 (2021) DOMAIN.md §3, seeded at start (missing codes
 * only: a bureau's edits are never overwritten). The statutory ranges are the law's (first offence, before
 * "逾期未改正"). The discretion bands (自由裁量基准) are THE BUREAU'S DEFAULTS TO EDIT: each range cut at 20 %, 50 %
 * and 80 % into 轻微 / 一般 / 较重 / 严重; art. 114 is banded by accident grade instead.
 */
export interface TViolationData {
  code: string;
  title: string;
  violatedProvision: string;
  penaltyProvision: string;
  unitRange: TFineRange | null;
  personRange: TFineRange | null;
  otherPenalties: TOtherPenalty[];
  bands: TDiscretionBand[];
}

const yuan = (n: number) => n * 100;
const CUTS: [TCircumstance, number, number][] = [
  ['minor', 0, 0.2],
  ['general', 0.2, 0.5],
  ['serious', 0.5, 0.8],
  ['grave', 0.8, 1],
];
const DESCRIPTIONS: Record<TCircumstance, string> = {
  minor: '初次违法、危害后果轻微并及时改正',
  general: '违法行为一般，未造成危害后果',
  serious: '违法行为持续时间较长或经责令改正仍未完全改正',
  grave: '屡次违法、拒不改正或造成较大危害',
};

/** The bureau's default bands: the law's range cut at 20 / 50 / 80 %, rounded to 100 yuan. */
export function defaultBands(target: TPenaltyTarget, range: TFineRange): TDiscretionBand[] {
  const at = (f: number) => Math.round((range.minFen + (range.maxFen - range.minFen) * f) / 10_000) * 10_000;
  return CUTS.map(([circumstance, a, b]) => ({
    target,
    circumstance,
    minFen: at(a),
    maxFen: at(b),
    description: DESCRIPTIONS[circumstance],
  }));
}

const range = (minYuan: number, maxYuan: number): TFineRange => ({ minFen: yuan(minYuan), maxFen: yuan(maxYuan) });
const SAFL = '《中华人民共和国安全生产法》';

function item(
  code: string,
  article: string,
  violated: string,
  title: string,
  unit: TFineRange | null,
  person: TFineRange | null,
  other: TOtherPenalty[] = [],
): TViolationData {
  return {
    code,
    title,
    violatedProvision: `${SAFL}${violated}`,
    penaltyProvision: `${SAFL}${article}`,
    unitRange: unit,
    personRange: person,
    otherPenalties: other,
    bands: [...(unit ? defaultBands('unit', unit) : []), ...(person ? defaultBands('person', person) : [])],
  };
}

export const VIOLATION_CATALOGUE: TViolationData[] = [
  item(
    'SAFL-94',
    '第九十四条第一款',
    '第二十一条',
    '生产经营单位的主要负责人未履行本法规定的安全生产管理职责',
    null,
    range(20_000, 50_000),
    ['suspend_production'],
  ),
  item(
    'SAFL-97',
    '第九十七条',
    '第二十四条、第二十七条、第二十八条、第三十条',
    '未按规定设置安全生产管理机构或者配备安全生产管理人员，未按规定进行安全生产教育和培训、组织应急救援演练，特种作业人员未持证上岗',
    range(0, 100_000),
    range(20_000, 50_000),
    ['suspend_production'],
  ),
  item(
    'SAFL-99',
    '第九十九条',
    '第三十五条、第三十六条',
    '未在有较大危险因素的场所和设施设备上设置明显的安全警示标志，安全设备未经常性维护保养，关闭、破坏监控报警设备，未为从业人员提供劳动防护用品',
    range(0, 50_000),
    range(10_000, 20_000),
    ['suspend_production'],
  ),
  item(
    'SAFL-101',
    '第一百零一条',
    '第三十九条、第四十条、第四十一条',
    '对重大危险源未登记建档、未进行评估监控，未建立安全风险分级管控制度或者未按照安全风险分级采取相应管控措施，未建立事故隐患排查治理制度',
    range(0, 100_000),
    range(20_000, 50_000),
    ['suspend_production'],
  ),
  item('SAFL-102', '第一百零二条', '第四十一条', '未采取措施消除事故隐患', range(0, 50_000), range(50_000, 100_000), [
    'suspend_production',
  ]),
  item(
    'SAFL-105',
    '第一百零五条',
    '第四十二条',
    '生产、经营、储存、使用危险物品的车间、商店、仓库与员工宿舍在同一座建筑内，或者生产经营场所和员工宿舍未设有符合紧急疏散需要的出口、封闭堵塞出口',
    range(0, 50_000),
    range(0, 10_000),
    ['suspend_production'],
  ),
  item(
    'SAFL-108',
    '第一百零八条',
    '第六十六条',
    '拒绝、阻碍负有安全生产监督管理职责的部门依法实施监督检查',
    range(20_000, 200_000),
    range(10_000, 20_000),
    ['suspend_production'],
  ),
  item(
    'SAFL-109',
    '第一百零九条',
    '第五十一条第二款',
    '高危行业、领域的生产经营单位未按照国家规定投保安全生产责任保险',
    range(50_000, 100_000),
    null,
  ),
  {
    code: 'SAFL-114',
    title: '发生生产安全事故，对负有责任的生产经营单位的罚款',
    violatedProvision: `${SAFL}第二条、第四条`,
    penaltyProvision: `${SAFL}第一百一十四条`,
    unitRange: range(300_000, 20_000_000),
    personRange: null,
    otherPenalties: [],
    // by accident grade (一般 300k–1m, 较大 1m–2m, 重大 2m–10m, 特别重大 10m–20m); 轻微 is the lower part of 一般
    bands: [
      { target: 'unit', circumstance: 'minor', minFen: yuan(300_000), maxFen: yuan(500_000), description: '一般事故，情节较轻' },
      { target: 'unit', circumstance: 'general', minFen: yuan(500_000), maxFen: yuan(1_000_000), description: '一般事故' },
      { target: 'unit', circumstance: 'serious', minFen: yuan(1_000_000), maxFen: yuan(2_000_000), description: '较大事故' },
      {
        target: 'unit',
        circumstance: 'grave',
        minFen: yuan(2_000_000),
        maxFen: yuan(10_000_000),
        description: '重大事故（特别重大事故 1000 万至 2000 万元，须写明理由）',
      },
    ],
  },
];
