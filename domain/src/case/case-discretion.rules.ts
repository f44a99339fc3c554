import type { TAccidentGrade } from '../accident/accident.data';
import {
  CIRCUMSTANCE_LABELS,
  FINE_TIER_LABELS,
  PENALTY_TARGET_LABELS,
  type TCircumstance,
  type TDiscretionBand,
  type TFineRange,
  type TFineTier,
  type TPenaltyTarget,
  type TReductionGround,
} from './case.schema';
import { yuanText } from './case-clock.rules';
import { defaultBands } from './violation.data';
import { ACCIDENT_FINE_CODE, accidentFineBasis, accidentFineRange, SAFL_FINE_TIERS, saflArticle } from './case-fine-tiers.rules';

/** A catalogue violation as the rules need it: ranges by tier and the bureau's discretion bands. */
export interface TViolationRule {
  code: string;
  title: string;
  /** 处罚依据, named in messages. */
  penaltyProvision?: string;
  /** Tier 1 (with the order to correct). */
  unitRange: TFineRange | null;
  personRange: TFineRange | null;
  /** Tier 2 (逾期未改正 found at a 复查); null or absent when the article has none. */
  tier2?: { unitRange: TFineRange | null; personRange: TFineRange | null } | null;
  bands: (Pick<TDiscretionBand, 'target' | 'circumstance' | 'minFen' | 'maxFen'> & { tier?: TFineTier })[];
}

/** The 责令限期整改指令书 a case carries and the 复查 of it. */
export interface TCaseOrder {
  orderNo: string;
  orderedOn: string;
  deadline: string;
  recheckedOn: string | null;
  /** The 复查 found the order not carried out. */
  recheckUnmet: boolean;
}

/** One proposed fine: the violation, who, the tier and the circumstance, with its reasons. */
export interface TFineLine {
  code: string;
  target: TPenaltyTarget;
  circumstance: TCircumstance;
  fineFen: number;
  tier?: TFineTier;
  outsideBandReason?: string | null;
  /** 行政处罚法 art. 32: needed below the statutory minimum (减轻处罚). */
  reductionGround?: TReductionGround | null;
}

/** What a fine depends on beyond its line: the case's order and 复查, the accident's grade (art. 114). */
export interface TFineContext {
  order?: TCaseOrder | null;
  accident?: { grade: TAccidentGrade; aggravated: boolean } | null;
}

/** The article as messages name it: 《安全生产法》第九十九条. */
export const lawRef = (v: Pick<TViolationRule, 'penaltyProvision' | 'title'>): string =>
  v.penaltyProvision ? v.penaltyProvision.replace('中华人民共和国', '') : `“${v.title}”`;

/**
 * 逾期未改正 is established by the order (number, date, deadline) and a 复查 after the deadline that found it unmet;
 * null when it is, else what is missing.
 */
export function overdueOrderProblem(order: TCaseOrder | null | undefined): string | null {
  if (!order || !order.orderNo.trim()) return '未登记责令限期改正指令书';
  if (order.deadline < order.orderedOn) return `整改期限 ${order.deadline} 早于指令日期 ${order.orderedOn}`;
  if (!order.recheckedOn) return '未登记复查';
  if (order.recheckedOn < order.orderedOn) return `复查日期 ${order.recheckedOn} 早于指令日期 ${order.orderedOn}`;
  // the party has the whole last day: a 复查 on the deadline cannot find it overdue
  if (order.recheckedOn <= order.deadline) return `复查日期 ${order.recheckedOn} 未晚于整改期限 ${order.deadline}，不能认定逾期未改正`;
  if (!order.recheckUnmet) return '复查认定已经改正';
  return null;
}

/** The range of a line: art. 114 by the accident's grade, else the catalogue's tier; a string is a refusal. */
export function fineRangeOf(
  v: TViolationRule,
  tier: TFineTier,
  target: TPenaltyTarget,
  ctx: TFineContext,
): { range: TFineRange | null; basis: string } | string {
  if (v.code === ACCIDENT_FINE_CODE) {
    if (target === 'person') return { range: null, basis: lawRef(v) };
    if (!ctx.accident) return '按《安全生产法》第一百一十四条罚款须先确定事故等级（一般、较大、重大、特别重大）';
    return {
      range: accidentFineRange(ctx.accident.grade, ctx.accident.aggravated),
      basis: accidentFineBasis(ctx.accident.grade, ctx.accident.aggravated),
    };
  }
  if (tier === 1) return { range: target === 'unit' ? v.unitRange : v.personRange, basis: lawRef(v) };
  if (!v.tier2) return `${lawRef(v)}没有逾期未改正的第二档罚款，请按第一档提出`;
  return { range: target === 'unit' ? v.tier2.unitRange : v.tier2.personRange, basis: `${lawRef(v)}（${FINE_TIER_LABELS[2]}）` };
}

/** 自由裁量基准 of a line: the bureau's band of its tier, target and circumstance (art. 114: inside the grade's range). */
function bandOf(v: TViolationRule, line: TFineLine, tier: TFineTier, range: TFineRange) {
  const band = v.bands.find((b) => (b.tier ?? 1) === tier && b.target === line.target && b.circumstance === line.circumstance);
  if (v.code !== ACCIDENT_FINE_CODE) return band ?? null;
  // art. 114: the bureau's band when it lies inside the grade's range, else the default cut of that range
  if (band && band.minFen >= range.minFen && band.maxFen <= range.maxFen) return band;
  return defaultBands('unit', range).find((b) => b.circumstance === line.circumstance) ?? null;
}

/**
 * A proposed fine against the law and the bureau's bands: null when it may be proposed, else a Chinese message naming
 * the article. Above the statutory maximum is refused whatever the reason (行政处罚法 art. 4); tier 2 needs the order
 * found unmet at a 复查; below the minimum (减轻) needs an art. 32 ground; outside the band a written reason.
 */
export function finePenaltyProblem(v: TViolationRule, line: TFineLine, ctx: TFineContext = {}): string | null {
  const tier = line.tier ?? 1;
  const who = line.target === 'unit' ? PENALTY_TARGET_LABELS.unit : PENALTY_TARGET_LABELS.person;
  const article = saflArticle(v.code);
  const tiers = article === null ? undefined : SAFL_FINE_TIERS[article];
  const trigger = tiers?.trigger ?? '逾期未改正';
  const person = article === 94 ? '主要负责人' : '直接负责的主管人员和其他直接责任人员';
  const whoLong = line.target === 'unit' ? '单位' : person;
  const found = fineRangeOf(v, tier, line.target, ctx);
  if (typeof found === 'string') return found;
  const { range, basis } = found;
  // tier 2 (its fines and its 停产停业整顿 alike) rests on the order found unmet at a 复查
  if (tier === 2 && v.code !== ACCIDENT_FINE_CODE) {
    const unmet = overdueOrderProblem(ctx.order);
    if (unmet) {
      const kind = !range ? '适用第二档' : (line.target === 'unit' ? v.unitRange : v.personRange) ? '处第二档罚款' : '罚款';
      return `${lawRef(v)}：对${whoLong}${kind}须以${trigger}为前提，请先登记责令限期改正指令及复查情况（${unmet}）`;
    }
  }
  if (!range) {
    const inTier2 = line.target === 'unit' ? v.tier2?.unitRange : v.tier2?.personRange;
    if (tier === 1 && inTier2 && line.fineFen > 0)
      return `${lawRef(v)}：对${whoLong}罚款须以${trigger}为前提，请先登记责令限期改正指令及复查情况，并按${FINE_TIER_LABELS[2]}提出`;
    if (line.fineFen === 0) return null;
    return `“${v.title}”${tier === 2 ? FINE_TIER_LABELS[2] : ''}对${who}没有罚款规定，不能对${who}处以罚款（${basis}）`;
  }
  if (line.fineFen > range.maxFen)
    return `“${v.title}”对${who}罚款最高 ${yuanText(range.maxFen)}（${basis}），拟罚 ${yuanText(line.fineFen)} 超出法定幅度（行政处罚法第四条）`;
  if (line.fineFen < range.minFen) {
    // art. 32: 减轻处罚 below the minimum only on a recorded ground
    if (!line.reductionGround)
      return `“${v.title}”对${who}罚款最低 ${yuanText(range.minFen)}（${basis}），拟罚 ${yuanText(line.fineFen)} 低于法定最低额，属减轻处罚，须记录《行政处罚法》第三十二条规定的减轻情形`;
    return null;
  }
  const band = bandOf(v, line, tier, range);
  if (!band) return null;
  if ((line.fineFen < band.minFen || line.fineFen > band.maxFen) && !line.outsideBandReason?.trim()) {
    return `“${v.title}”${CIRCUMSTANCE_LABELS[line.circumstance]}情节对${who}的裁量幅度为 ${yuanText(band.minFen)} 至 ${yuanText(band.maxFen)}，拟罚 ${yuanText(line.fineFen)} 超出裁量基准，须书面说明理由（自由裁量基准）`;
  }
  return null;
}

/** A tier-1 fine with no order context: the on-the-spot decision and callers that know only the band. */
export function discretionProblem(
  violation: TViolationRule,
  circumstance: TCircumstance,
  fineFen: number,
  reason: string | null | undefined,
  target: TPenaltyTarget = 'unit',
): string | null {
  return finePenaltyProblem(violation, { code: violation.code, target, circumstance, fineFen, outsideBandReason: reason });
}
