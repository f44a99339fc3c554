import type { TCircumstance, TDiscretionBand, TFineRange, TFineTier, TOtherPenalty, TPenaltyTarget, TTier2 } from './case.schema';
import { accidentFineRange, SAFL_FINE_TIERS } from './case-fine-tiers.rules';

/**
 * The starter violation catalogue (违法行为及处罚依据), 《安全生产法》 (2021) DOMAIN.md §3, seeded at start (missing codes
 * only: a bureau's edits are never overwritten; rows an earlier release shipped wrongly are corrected once, see
 * CORRECTED_VIOLATIONS). The statutory ranges come from SAFL_FINE_TIERS (case-fine-tiers.rules.ts): tier 1 with the
 * order to correct, tier 2 once a 复查 finds it unmet. The discretion bands (自由裁量基准) are THE BUREAU'S DEFAULTS TO
 * EDIT: each tier's range cut at 20 %, 50 % and 80 % into 轻微 / 一般 / 较重 / 严重; art. 114 by accident grade instead.
 */
export interface TViolationData {
  code: string;
  title: string;
  violatedProvision: string;
  penaltyProvision: string;
  unitRange: TFineRange | null;
  personRange: TFineRange | null;
  tier2: TTier2 | null;
  otherPenalties: TOtherPenalty[];
  bands: TDiscretionBand[];
}

const yuan = (n: number) => n * 100;
const wan = (a: number, b: number): TFineRange => ({ minFen: yuan(a * 10_000), maxFen: yuan(b * 10_000) });
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
export function defaultBands(target: TPenaltyTarget, range: TFineRange, tier: TFineTier = 1): TDiscretionBand[] {
  const at = (f: number) => Math.round((range.minFen + (range.maxFen - range.minFen) * f) / 10_000) * 10_000;
  return CUTS.map(([circumstance, a, b]) => ({
    tier,
    target,
    circumstance,
    minFen: at(a),
    maxFen: at(b),
    description: DESCRIPTIONS[circumstance],
  }));
}

const SAFL = '《中华人民共和国安全生产法》';

/** A tiered article of the catalogue, its ranges and default bands read from SAFL_FINE_TIERS. */
function item(code: string, article: number, violated: string, title: string): TViolationData {
  const a = SAFL_FINE_TIERS[article]!;
  const [t1, t2] = [a.tiers[1], a.tiers[2]];
  const bands = (tier: TFineTier, unit: TFineRange | null, person: TFineRange | null) => [
    ...(unit ? defaultBands('unit', unit, tier) : []),
    ...(person ? defaultBands('person', person, tier) : []),
  ];
  return {
    code,
    title,
    violatedProvision: `${SAFL}${violated}`,
    penaltyProvision: `${SAFL}${a.article}`,
    unitRange: t1.unit,
    personRange: t1.person,
    tier2: { unitRange: t2.unit, personRange: t2.person, otherPenalties: t2.otherPenalties },
    otherPenalties: [...new Set([...t1.otherPenalties, ...t2.otherPenalties])],
    bands: [...bands(1, t1.unit, t1.person), ...bands(2, t2.unit, t2.person)],
  };
}

export const VIOLATION_CATALOGUE: TViolationData[] = [
  item('SAFL-94', 94, '第二十一条', '生产经营单位的主要负责人未履行本法规定的安全生产管理职责'),
  item(
    'SAFL-97',
    97,
    '第二十四条、第二十七条、第二十八条、第三十条',
    '未按规定设置安全生产管理机构或者配备安全生产管理人员，未按规定进行安全生产教育和培训、组织应急救援演练，特种作业人员未持证上岗',
  ),
  item(
    'SAFL-99',
    99,
    '第三十五条、第三十六条',
    '未在有较大危险因素的场所和设施设备上设置明显的安全警示标志，安全设备未经常性维护保养，关闭、破坏监控报警设备，未为从业人员提供劳动防护用品',
  ),
  item(
    'SAFL-101',
    101,
    '第三十九条、第四十条、第四十一条',
    '对重大危险源未登记建档、未进行评估监控，未建立安全风险分级管控制度或者未按照安全风险分级采取相应管控措施，未建立事故隐患排查治理制度',
  ),
  item('SAFL-102', 102, '第四十一条', '未采取措施消除事故隐患'),
  item(
    'SAFL-105',
    105,
    '第四十二条',
    '生产、经营、储存、使用危险物品的车间、商店、仓库与员工宿舍在同一座建筑内，或者生产经营场所和员工宿舍未设有符合紧急疏散需要的出口、封闭堵塞出口',
  ),
  item('SAFL-108', 108, '第六十六条', '拒绝、阻碍负有安全生产监督管理职责的部门依法实施监督检查'),
  item('SAFL-109', 109, '第五十一条第二款', '高危行业、领域的生产经营单位未按照国家规定投保安全生产责任保险'),
  {
    code: 'SAFL-114',
    title: '发生生产安全事故，对负有责任的生产经营单位的罚款',
    violatedProvision: `${SAFL}第二条、第四条`,
    penaltyProvision: `${SAFL}第一百一十四条`,
    // the whole span of art. 114: 一般 30万 up to 特别重大 × 5 (1亿); the grade's own range is checked per case
    unitRange: { minFen: accidentFineRange('general', false).minFen, maxFen: accidentFineRange('especially_major', true).maxFen },
    personRange: null,
    tier2: null,
    otherPenalties: [],
    // by accident grade (一般 300k–1m, 较大 1m–2m, 重大 2m–10m, 特别重大 10m–20m); a band outside the case's grade is
    // replaced by the default cut of the grade's range
    bands: [
      { tier: 1, target: 'unit', circumstance: 'minor', minFen: yuan(300_000), maxFen: yuan(500_000), description: '一般事故，情节较轻' },
      { tier: 1, target: 'unit', circumstance: 'general', minFen: yuan(500_000), maxFen: yuan(1_000_000), description: '一般事故' },
      { tier: 1, target: 'unit', circumstance: 'serious', minFen: yuan(1_000_000), maxFen: yuan(2_000_000), description: '较大事故' },
      { tier: 1, target: 'unit', circumstance: 'grave', minFen: yuan(2_000_000), maxFen: yuan(10_000_000), description: '重大事故' },
    ],
  },
];

/**
 * The rows an earlier release shipped: tier-1 ranges with person fines at the first offence (arts. 97, 99, 101, 102,
 * 108) and no tier 2, art. 114 capped at 2,000万 (`was`, kept for the audit). At start a row of these codes without its
 * tier 2 (art. 114: without its span) gets the statutory ranges; the bureau's bands are kept where they still lie inside
 * the new ranges.
 */
export const CORRECTED_VIOLATIONS: readonly { code: string; was: { unitRange: TFineRange | null; personRange: TFineRange | null } }[] = [
  { code: 'SAFL-94', was: { unitRange: null, personRange: wan(2, 5) } },
  { code: 'SAFL-97', was: { unitRange: wan(0, 10), personRange: wan(2, 5) } },
  { code: 'SAFL-99', was: { unitRange: wan(0, 5), personRange: wan(1, 2) } },
  { code: 'SAFL-101', was: { unitRange: wan(0, 10), personRange: wan(2, 5) } },
  { code: 'SAFL-102', was: { unitRange: wan(0, 5), personRange: wan(5, 10) } },
  { code: 'SAFL-105', was: { unitRange: wan(0, 5), personRange: wan(0, 1) } },
  { code: 'SAFL-108', was: { unitRange: wan(2, 20), personRange: wan(1, 2) } },
  { code: 'SAFL-109', was: { unitRange: wan(5, 10), personRange: null } },
  { code: 'SAFL-114', was: { unitRange: wan(30, 2000), personRange: null } },
];

/**
 * The bands of a corrected row: the shipped defaults, except where the bureau's own band for the same tier, target and
 * circumstance still lies inside the lawful range. A person band of tier 1 whose article fines persons only in tier 2
 * moves to tier 2 (same statutory range, now in its right tier).
 */
export function correctedBands(
  stored: (Pick<TDiscretionBand, 'target' | 'circumstance' | 'minFen' | 'maxFen' | 'description'> & { tier?: TFineTier })[],
  v: TViolationData,
): TDiscretionBand[] {
  return v.bands.map((d) => {
    const range =
      d.tier === 1 ? (d.target === 'unit' ? v.unitRange : v.personRange) : d.target === 'unit' ? v.tier2?.unitRange : v.tier2?.personRange;
    const movedToTier2 = d.tier === 2 && d.target === 'person' && !v.personRange;
    const own = stored.find(
      (b) =>
        b.target === d.target && b.circumstance === d.circumstance && ((b.tier ?? 1) === d.tier || (movedToTier2 && (b.tier ?? 1) === 1)),
    );
    if (!own || !range || own.minFen < range.minFen || own.maxFen > range.maxFen || own.minFen > own.maxFen) return d;
    return { ...d, minFen: own.minFen, maxFen: own.maxFen, description: own.description };
  });
}
