/**
 * The proposal (调查终结，提出处罚意见) against the law: evidence (行政处罚法 art. 40), each fine's tier and range
 * (安全生产法 arts. 94–109, art. 114 by the accident's grade), the art. 32 ground below the minimum, 停产停业整顿 by tier.
 */
import { ACCIDENT_GRADE_LABELS } from '../accident/accident.data';
import type { TCaseRuleState } from './case.rules';
import type { TPropose } from './case.schema';
import { finePenaltyProblem, type TViolationRule } from './case-discretion.rules';
import { suspensionProblem } from './case-fine-tiers.rules';

/** Null when the proposal may be made, else a Chinese message naming the rule and its article. */
export function proposalProblem(
  c: Pick<TCaseRuleState, 'evidenceCount' | 'violationCodes' | 'sourceAccidentGrade'>,
  action: TPropose,
  violations: TViolationRule[],
  today: string,
): string | null {
  // art. 40: no penalty where the facts are unclear or the evidence is lacking
  if (c.evidenceCount === 0) return '尚未收集任何证据，违法事实不清、证据不足的，不得给予行政处罚（行政处罚法第四十条）';
  const catalogue = new Map(violations.map((v) => [v.code, v]));
  // 安全生产法 art. 114: a case from an accident takes the accident record's grade (条例 art. 3), never a typed one
  const source = c.sourceAccidentGrade;
  if (source && action.accident && action.accident.grade !== source)
    return `本案来源于生产安全事故，事故等级以事故记录为准（${ACCIDENT_GRADE_LABELS[source]}事故），不能按${ACCIDENT_GRADE_LABELS[action.accident.grade]}事故处罚`;
  const accident = source ? { grade: source, aggravated: action.accident?.aggravated ?? false } : (action.accident ?? null);
  const order = action.order ? { ...action.order, recheckedOn: action.order.recheckedOn ?? null } : null;
  if (order && order.orderedOn > today) return `指令日期 ${order.orderedOn} 晚于今天（${today}）`;
  if (order?.recheckedOn && order.recheckedOn > today) return `复查日期 ${order.recheckedOn} 晚于今天（${today}）`;
  for (const v of action.violations) {
    if (!c.violationCodes.includes(v.code)) return `违法行为 ${v.code} 不是本案立案的违法行为`;
    const rule = catalogue.get(v.code);
    if (!rule) return `违法行为目录中没有 ${v.code}`;
    const p = finePenaltyProblem(rule, v, { order, accident });
    if (p) return p;
  }
  const suspension = suspensionProblem(action.violations, action.otherPenalties);
  if (suspension) return suspension;
  const keys = action.violations.map((v) => `${v.code}/${v.target}`);
  if (new Set(keys).size !== keys.length) return '同一违法行为对同一处罚对象只能提出一项处罚意见';
  return null;
}
