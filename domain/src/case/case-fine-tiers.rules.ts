/**
 * The fine ranges of 《安全生产法》 (2021) as the statute writes them (DOMAIN.md §3, corrected): each article in two tiers,
 * tier 1 with the order to correct (责令限期改正) and tier 2 once a 复查 finds the order unmet (逾期未改正 / 拒不执行 /
 * 拒不改正); art. 114 by accident grade, 2 to 5 times for 情节特别严重、影响特别恶劣. Pure data and functions.
 */
import { ACCIDENT_GRADE_LABELS, type TAccidentGrade } from '../accident/accident.data';
import type { TFineRange } from './case-catalogue.schema';
import type { TFineTier, TOtherPenalty, TPenaltyTarget } from './case-terms.schema';

const WAN = 10_000 * 100; // 1 万元 in fen
const upTo = (wan: number): TFineRange => ({ minFen: 0, maxFen: wan * WAN });
const between = (a: number, b: number): TFineRange => ({ minFen: a * WAN, maxFen: b * WAN });

/** What one tier of an article imposes: the fine ranges by target and the other penalties. */
export interface TTierPenalty {
  unit: TFineRange | null;
  person: TFineRange | null;
  otherPenalties: TOtherPenalty[];
}

export interface TArticleTiers {
  /** The article in Chinese numerals, e.g. 第九十九条. */
  article: string;
  /** What tier 1 orders (责令限期改正, 责令立即消除或者限期消除 …). */
  order: string;
  /** How the statute names the unmet order that opens tier 2. */
  trigger: '逾期未改正' | '拒不执行' | '拒不改正';
  tiers: Record<TFineTier, TTierPenalty>;
}

const SUSPEND: TOtherPenalty[] = ['suspend_production'];

/** 《安全生产法》 (2021) arts. 94–109, tier by tier, from the statute's text. */
export const SAFL_FINE_TIERS: Record<number, TArticleTiers> = {
  // art. 94 (1): the main responsible person 2–5万; 逾期未改正 5–10万 and the unit 停产停业整顿
  94: {
    article: '第九十四条',
    order: '责令限期改正',
    trigger: '逾期未改正',
    tiers: {
      1: { unit: null, person: between(2, 5), otherPenalties: [] },
      2: { unit: null, person: between(5, 10), otherPenalties: SUSPEND },
    },
  },
  // art. 97: unit ≤10万; 逾期未改正 停产停业整顿, unit 10–20万, persons 2–5万
  97: {
    article: '第九十七条',
    order: '责令限期改正',
    trigger: '逾期未改正',
    tiers: {
      1: { unit: upTo(10), person: null, otherPenalties: [] },
      2: { unit: between(10, 20), person: between(2, 5), otherPenalties: SUSPEND },
    },
  },
  // art. 99: unit ≤5万; 逾期未改正 unit 5–20万, persons 1–2万; 情节严重 停产停业整顿
  99: {
    article: '第九十九条',
    order: '责令限期改正',
    trigger: '逾期未改正',
    tiers: {
      1: { unit: upTo(5), person: null, otherPenalties: [] },
      2: { unit: between(5, 20), person: between(1, 2), otherPenalties: SUSPEND },
    },
  },
  // art. 101: unit ≤10万; 逾期未改正 停产停业整顿, unit 10–20万, persons 2–5万
  101: {
    article: '第一百零一条',
    order: '责令限期改正',
    trigger: '逾期未改正',
    tiers: {
      1: { unit: upTo(10), person: null, otherPenalties: [] },
      2: { unit: between(10, 20), person: between(2, 5), otherPenalties: SUSPEND },
    },
  },
  // art. 102: 责令立即消除或者限期消除, unit ≤5万; 拒不执行 停产停业整顿, persons 5–10万
  102: {
    article: '第一百零二条',
    order: '责令立即消除或者限期消除',
    trigger: '拒不执行',
    tiers: {
      1: { unit: upTo(5), person: null, otherPenalties: [] },
      2: { unit: null, person: between(5, 10), otherPenalties: SUSPEND },
    },
  },
  // art. 105: unit ≤5万, persons ≤1万; 逾期未改正 停产停业整顿
  105: {
    article: '第一百零五条',
    order: '责令限期改正',
    trigger: '逾期未改正',
    tiers: {
      1: { unit: upTo(5), person: upTo(1), otherPenalties: [] },
      2: { unit: null, person: null, otherPenalties: SUSPEND },
    },
  },
  // art. 108: 责令改正 only; 拒不改正 unit 2–20万, persons 1–2万
  108: {
    article: '第一百零八条',
    order: '责令改正',
    trigger: '拒不改正',
    tiers: {
      1: { unit: null, person: null, otherPenalties: [] },
      2: { unit: between(2, 20), person: between(1, 2), otherPenalties: [] },
    },
  },
  // art. 109: unit 5–10万; 逾期未改正 10–20万
  109: {
    article: '第一百零九条',
    order: '责令限期改正',
    trigger: '逾期未改正',
    tiers: {
      1: { unit: between(5, 10), person: null, otherPenalties: [] },
      2: { unit: between(10, 20), person: null, otherPenalties: [] },
    },
  },
};

/**
 * The statutory range and other penalties of an article's tier for a target; null when the article is not one of the
 * tiered ones. `range` null means the tier fines nobody of that target.
 */
export function statutoryPenalty(
  article: number,
  tier: TFineTier,
  target: TPenaltyTarget,
): { range: TFineRange | null; otherPenalties: TOtherPenalty[] } | null {
  const a = SAFL_FINE_TIERS[article];
  if (!a) return null;
  const t = a.tiers[tier];
  return { range: t[target], otherPenalties: t.otherPenalties };
}

/** The catalogue code of the accident fine (安全生产法 art. 114), ranged by accident grade, not by tier. */
export const ACCIDENT_FINE_CODE = 'SAFL-114';

// art. 114 (1): 一般 30–100万, 较大 100–200万, 重大 200–1000万, 特别重大 1000–2000万
const ACCIDENT_FINES: Record<TAccidentGrade, TFineRange> = {
  general: between(30, 100),
  larger: between(100, 200),
  major: between(200, 1000),
  especially_major: between(1000, 2000),
};
/** Art. 114 (2): the ceiling of 2–5 times (1亿元). */
export const ACCIDENT_FINE_CAP_FEN = 10_000 * WAN;

/**
 * 安全生产法 art. 114: the unit's fine for an accident of `grade`; `aggravated` (情节特别严重、影响特别恶劣, para. 2)
 * multiplies both bounds: 2 times the minimum to 5 times the maximum, never above 1亿元.
 */
export function accidentFineRange(grade: TAccidentGrade, aggravated: boolean): TFineRange {
  const r = ACCIDENT_FINES[grade];
  if (!aggravated) return r;
  return { minFen: r.minFen * 2, maxFen: Math.min(r.maxFen * 5, ACCIDENT_FINE_CAP_FEN) };
}

export const accidentFineBasis = (grade: TAccidentGrade, aggravated: boolean): string =>
  `《安全生产法》第一百一十四条第${aggravated ? '二' : '一'}款（${ACCIDENT_GRADE_LABELS[grade]}事故${aggravated ? '，情节特别严重、影响特别恶劣' : ''}）`;

/** The article number of a 安全生产法 catalogue code (SAFL-99 → 99), null for a bureau's own codes. */
export function saflArticle(code: string): number | null {
  const m = /^SAFL-(\d+)$/.exec(code);
  return m ? Number(m[1]) : null;
}

/**
 * 责令停产停业整顿 under arts. 94–105 belongs to the second tier (逾期未改正 / 拒不执行): refused when every proposed
 * line is a tiered article in a tier without it. A bureau's own code is not judged here.
 */
export function suspensionProblem(lines: { code: string; tier?: TFineTier }[], other: TOtherPenalty[]): string | null {
  if (!other.includes('suspend_production')) return null;
  const grounded = lines.some((l) => {
    const article = saflArticle(l.code);
    if (article === null) return true;
    const tiers = SAFL_FINE_TIERS[article];
    if (!tiers) return article !== 114;
    return tiers.tiers[l.tier ?? 1].otherPenalties.includes('suspend_production');
  });
  if (grounded) return null;
  const articles = [...new Set(lines.map((l) => SAFL_FINE_TIERS[saflArticle(l.code) ?? 0]?.article).filter(Boolean))].join('、');
  return `《安全生产法》${articles || '第一百一十四条'}在本案所列档次没有责令停产停业整顿；责令停产停业整顿须以逾期未改正（拒不执行）为前提，请按第二档提出并登记责令限期改正指令及复查情况`;
}
