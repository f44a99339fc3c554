import {
  ACCIDENT_FINE_CODE,
  accidentFineRange,
  addDaysToDate,
  finePenaltyProblem,
  VIOLATION_CATALOGUE,
  type TAccidentGrade,
  type TCaseOrder,
  type TFineLine,
  type TFineTier,
} from '@yingji/domain';
import type { TRandom } from './prng';

/**
 * The case generator's fine tiers (安全生产法 arts. 97, 99, 101, 109, DOMAIN.md §fines) and art. 114: a few bureau cases
 * rest on a 责令限期整改指令书 whose 复查 found it unmet (tier 2), and each accident case carries its accident grade.
 * Every such line is checked with the rule the service applies to a proposal (finePenaltyProblem), so the demo holds
 * nothing the service would refuse.
 */
export const TIER2_CODES = ['SAFL-97', 'SAFL-99', 'SAFL-101', 'SAFL-109'] as const;
/** Share of the bureau's general-procedure cases with a tier-2 article that rest on an unmet order. */
export const TIER2_SHARE = 0.15;
/** The accident cases' grade: the bureau's own cases come from 一般事故 (larger ones go to the province). */
export const CASE_ACCIDENT_GRADE: TAccidentGrade = 'general';

const rules = new Map(VIOLATION_CATALOGUE.map((v) => [v.code, v]));

export interface TTierLine {
  tier: TFineTier;
  statutoryMinFen: number | null;
  statutoryMaxFen: number | null;
}

/** The order and its 复查: ordered a month before the 复查 that found it unmet, with 15 days to correct. */
export function overdueOrder(recheckedOn: string, abbreviation: string, random: TRandom): TCaseOrder & { note: string } {
  const orderedOn = addDaysToDate(recheckedOn, -random.int(25, 40));
  const deadline = addDaysToDate(orderedOn, 15);
  return {
    orderNo: `${abbreviation}责改〔${orderedOn.slice(0, 4)}〕${random.int(10, 480)}号`,
    orderedOn,
    deadline,
    recheckedOn,
    recheckUnmet: true,
    note: `复查发现责令限期整改指令书所列问题逾期未改正（整改期限 ${deadline}）`,
  };
}

/** A tier-2 unit fine of `code` inside the bureau's 一般 band of tier 2, rounded to 1,000 yuan. */
export function tier2UnitFine(code: string, random: TRandom): { fen: number; band: { minFen: number; maxFen: number } } & TTierLine {
  const v = rules.get(code);
  const range = v?.tier2?.unitRange;
  if (!v || !range) throw new Error(`case-tiers: ${code} 没有第二档单位罚款`);
  const band = v.bands.find((b) => b.tier === 2 && b.target === 'unit' && b.circumstance === 'general') ?? range;
  const lo = Math.ceil(band.minFen / 100_000) * 100_000;
  const hi = Math.max(lo, Math.floor(band.maxFen / 100_000) * 100_000);
  const fen = lo + Math.round((random.next() * (hi - lo)) / 100_000) * 100_000;
  return { fen, band: { minFen: band.minFen, maxFen: band.maxFen }, tier: 2, statutoryMinFen: range.minFen, statutoryMaxFen: range.maxFen };
}

/** Art. 114's statutory range for the accident cases' grade. */
export function accidentLine(): TTierLine {
  const r = accidentFineRange(CASE_ACCIDENT_GRADE, false);
  return { tier: 1, statutoryMinFen: r.minFen, statutoryMaxFen: r.maxFen };
}

/** Throws when a generated line breaks the rule the service enforces on a proposal. */
export function assertLawful(line: TFineLine, ctx: { order?: TCaseOrder | null; accident?: boolean }): void {
  const v = rules.get(line.code);
  if (!v) throw new Error(`case-tiers: 违法行为目录中没有 ${line.code}`);
  const problem = finePenaltyProblem(v, line, {
    order: ctx.order ?? null,
    accident: ctx.accident || line.code === ACCIDENT_FINE_CODE ? { grade: CASE_ACCIDENT_GRADE, aggravated: false } : null,
  });
  if (problem) throw new Error(`case-tiers: ${line.code} ${line.target} ${line.fineFen}: ${problem}`);
}
