import {
  CIRCUMSTANCE_LABELS,
  PENALTY_TARGET_LABELS,
  type TCircumstance,
  type TDiscretionBand,
  type TFineRange,
  type TPenaltyTarget,
} from './case.schema';
import { yuanText } from './case-clock.rules';

/** A catalogue violation as the rules need it: ranges and the bureau's discretion bands. */
export interface TViolationRule {
  code: string;
  title: string;
  unitRange: TFineRange | null;
  personRange: TFineRange | null;
  bands: Pick<TDiscretionBand, 'target' | 'circumstance' | 'minFen' | 'maxFen'>[];
}

/**
 * 自由裁量基准: a fine inside the band of its circumstance passes; outside the band it needs a written reason (legal review
 * reads it); above the law's maximum it is refused whatever the reason (行政处罚法 art. 4: penalties as the law sets them).
 */
export function discretionProblem(
  violation: TViolationRule,
  circumstance: TCircumstance,
  fineFen: number,
  reason: string | null | undefined,
  target: TPenaltyTarget = 'unit',
): string | null {
  const range = target === 'unit' ? violation.unitRange : violation.personRange;
  const who = PENALTY_TARGET_LABELS[target];
  if (!range) return `“${violation.title}”对${who}没有罚款规定，不能对${who}处以罚款`;
  if (fineFen > range.maxFen)
    return `“${violation.title}”对${who}罚款最高 ${yuanText(range.maxFen)}，拟罚 ${yuanText(fineFen)} 超出法定幅度（行政处罚法第四条）`;
  const band = violation.bands.find((b) => b.target === target && b.circumstance === circumstance);
  if (!band) return null;
  if ((fineFen < band.minFen || fineFen > band.maxFen) && !reason?.trim()) {
    return `“${violation.title}”${CIRCUMSTANCE_LABELS[circumstance]}情节对${who}的裁量幅度为 ${yuanText(band.minFen)} 至 ${yuanText(band.maxFen)}，拟罚 ${yuanText(fineFen)} 超出裁量基准，须书面说明理由（自由裁量基准）`;
  }
  return null;
}
