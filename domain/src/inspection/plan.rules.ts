import { PLAN_STRATA, STRATUM_LABELS, type TInspectionFrequency, type TPlanStratum } from './inspection.settings';

/**
 * Targets to draw from a stratum: round half up of ratio × size. The ratio is taken to 0.0001 (0.01 %) and the
 * product computed in integers, so 0.29 × 50 gives 15, not 14 as 14.499… in floating point would.
 */
export function stratumCount(ratio: number, size: number): number {
  if (!(ratio > 0) || size <= 0) return 0;
  const tenThousandths = Math.round(Math.min(ratio, 1) * 10_000);
  return Math.min(size, Math.floor((tenThousandths * size + 5_000) / 10_000));
}

export type TPlanWarning = 'below_min' | 'above_max';

export interface TPlanStratumChecks {
  stratum: TPlanStratum;
  label: string;
  pool: number;
  ratio: number;
  /** Firms drawn in one round. */
  perRound: number;
  /** Checks the plan gives in the year: perRound × rounds. */
  checks: number;
  /** Checks per firm per year the plan gives on average (checks ÷ pool), two decimals. */
  perFirm: number;
  min: number;
  max: number;
  warning: TPlanWarning | null;
  message: string | null;
}

/**
 * What a plan's ratios give, grade by grade, against the frequency setting's minimum and cap of checks per firm
 * per year (国办发〔2015〕58号: ratios and frequency set locally, higher for firms with bad records; 国办发〔2024〕54号
 * caps checks). A stratum with no firms gets no warning.
 */
export function planChecks(
  poolSizes: Partial<Record<TPlanStratum, number>>,
  ratios: Partial<Record<TPlanStratum, number>>,
  frequency: TInspectionFrequency,
  rounds = 1,
): TPlanStratumChecks[] {
  return PLAN_STRATA.map((stratum) => {
    const pool = poolSizes[stratum] ?? 0;
    const ratio = ratios[stratum] ?? 0;
    const perRound = stratumCount(ratio, pool);
    const checks = perRound * rounds;
    const perFirm = pool > 0 ? checks / pool : 0;
    const { min, max } = frequency[stratum];
    const label = STRATUM_LABELS[stratum];
    // Two decimals, rounded away from the limit it breaks: 0.9997 below a minimum of 1 reads 0.99, never 1.
    let shown = Math.round(perFirm * 100) / 100;
    let warning: TPlanWarning | null = null;
    let message: string | null = null;
    if (pool > 0 && perFirm < min) {
      warning = 'below_min';
      shown = Math.floor(perFirm * 100) / 100;
      message = `${label}企业每家每年平均检查 ${shown} 次，低于设置的最少 ${min} 次`;
    } else if (pool > 0 && perFirm > max) {
      warning = 'above_max';
      shown = Math.ceil(perFirm * 100) / 100;
      message = `${label}企业每家每年平均检查 ${shown} 次，超过设置的最多 ${max} 次`;
    }
    return { stratum, label, pool, ratio, perRound, checks, perFirm: shown, min, max, warning, message };
  });
}

/**
 * Approval (四眼原则): a plan is approved by someone other than its author, with plan rights over the issuing
 * body (the bureau's officers and leaders approve the bureau's and any town's; a town officer only their town's).
 */
export function planApprovalProblem(
  actor: { id: number; divisionCode: string },
  plan: { createdBy: number | null; divisionCode: string; status: string },
): string | null {
  if (plan.status !== 'draft') return '只有草稿状态的计划可以审批';
  if (!plan.divisionCode.startsWith(actor.divisionCode)) return '该计划不在您的管辖范围内';
  if (plan.createdBy === actor.id) return '计划须由起草人以外的人员审批';
  return null;
}
