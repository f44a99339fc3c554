import type { TCaseOrder, TCircumstance, TPenaltyTarget } from '@yingji/domain';
import type { TRandom } from './prng';
import {
  BUREAU_CIRCUMSTANCES,
  BUREAU_CODES,
  roundYuan,
  TOWN_CIRCUMSTANCES,
  TOWN_CODES,
  weighted,
  type TPenalty,
  type TViolationInfo,
} from './case-data';
import { accidentLine, assertLawful, overdueOrder, TIER2_CODES, TIER2_SHARE, tier2UnitFine } from './case-tiers';

/**
 * A case's violations and the penalty proposed for each, inside its discretion band (rounded to 100 yuan); tier-2
 * lines rest on an overdue order, art. 114 lines carry the accident grade's range.
 */
export function planPenalties(p: {
  random: TRandom;
  tierRandom: TRandom;
  bureau: boolean;
  accident: boolean;
  discovered: string;
  abbreviation: string;
  catalogue: Map<string, TViolationInfo>;
}): { simple: boolean; codes: string[]; penalties: TPenalty[]; order: (TCaseOrder & { note: string }) | null } {
  const { random, tierRandom, bureau, accident, discovered, catalogue } = p;
  const simple = !accident && random.chance(bureau ? 0.03 : 0.2);
  const codes: string[] = [];
  if (accident) codes.push('SAFL-114');
  else if (simple) codes.push(random.pick(['SAFL-99', 'SAFL-97']));
  else {
    const k = weighted(
      random,
      bureau
        ? ([
            [1, 55],
            [2, 35],
            [3, 10],
          ] as [number, number][])
        : ([
            [1, 78],
            [2, 19],
            [3, 3],
          ] as [number, number][]),
    );
    while (codes.length < k) {
      const c = weighted(random, bureau ? BUREAU_CODES : TOWN_CODES);
      if (!codes.includes(c) && catalogue.has(c)) codes.push(c);
    }
  }
  const penalties: TPenalty[] = [];
  // 安全生产法 arts. 97/99/101/109 tier 2: the 复查 of a 责令限期整改指令书 found it unmet, which is how the bureau
  // found the case (the 复查 is its discovery); the fine is the tier's, inside the tier-2 band.
  const tier2Code =
    bureau && !accident && !simple && tierRandom.chance(TIER2_SHARE)
      ? codes.find((c) => (TIER2_CODES as readonly string[]).includes(c))
      : undefined;
  const order = tier2Code ? overdueOrder(discovered, p.abbreviation, tierRandom) : null;
  const fineIn = (v: TViolationInfo, target: TPenaltyTarget, circumstance: TCircumstance): TPenalty => {
    const band = v.bands.find((b) => b.target === target && b.circumstance === circumstance);
    const lo = Math.max(band?.minFen ?? 0, 100_000);
    const hi = Math.max(lo, band?.maxFen ?? lo);
    const fen = Math.min(hi, Math.max(lo, roundYuan(lo + random.next() * (hi - lo), 100)));
    return { code: v.code, target, circumstance, proposed: fen, decided: fen, band };
  };
  for (const code of codes) {
    const v = catalogue.get(code)!;
    if (code === tier2Code) {
      const t = tier2UnitFine(code, tierRandom);
      const band = { target: 'unit' as const, circumstance: 'general' as const, ...t.band };
      penalties.push({ code, target: 'unit', circumstance: 'general', proposed: t.fen, decided: t.fen, band, tierLine: t });
      assertLawful({ code, target: 'unit', circumstance: 'general', fineFen: t.fen, tier: 2 }, { order });
      continue;
    }
    if (simple) {
      const band = v.bands.find((b) => b.target === 'unit' && b.circumstance === 'minor');
      const fen = random.chance(0.15) ? 0 : roundYuan(random.int(500, 3000) * 100, 100);
      penalties.push({ code, target: 'unit', circumstance: 'minor', proposed: fen, decided: fen, band });
      continue;
    }
    const circumstance = accident
      ? weighted(random, [
          ['minor', 60],
          ['general', 40],
        ] as [TCircumstance, number][])
      : weighted(random, bureau ? BUREAU_CIRCUMSTANCES : TOWN_CIRCUMSTANCES);
    if (v.hasUnit) {
      const line = fineIn(v, 'unit', circumstance);
      // art. 114: the range is the accident grade's, recorded with the line and checked as the service checks it
      if (accident && code === 'SAFL-114') {
        line.tierLine = accidentLine();
        assertLawful({ code, target: 'unit', circumstance, fineFen: line.proposed, tier: 1 }, { accident: true });
      }
      penalties.push(line);
    }
    if (v.hasPerson && (!v.hasUnit || random.chance(bureau ? 0.15 : 0.06)))
      penalties.push(fineIn(v, 'person', random.chance(0.7) ? 'minor' : 'general'));
  }
  return { simple, codes, penalties, order };
}
