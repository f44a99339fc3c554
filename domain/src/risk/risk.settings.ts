import '../shared/zod-locale';
import { z } from 'zod';

const num = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须是数字` })
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`);
const int = (label: string, min: number, max: number) => num(label, min, max).int(`${label}必须是整数`);

/**
 * Score thresholds and validity of an expert assessment. 危险化学品生产储存企业安全风险评估诊断分级指南 (2018):
 * 红 < 60, 橙 60–<75, 黄 75–<90, 蓝 ≥ 90; re-assessed every 3 years (DOMAIN.md §5).
 */
export const ZRiskAssessmentSettingsSchema = z
  .object({
    redBelow: num('红色分数线', 0, 100),
    orangeBelow: num('橙色分数线', 0, 100),
    yellowBelow: num('黄色分数线', 0, 100),
    validityYears: int('评估有效期（年）', 1, 10),
    expiringWithinDays: int('临期提醒（天）', 1, 365),
  })
  .refine((s) => s.redBelow < s.orangeBelow && s.orangeBelow < s.yellowBelow, {
    message: '分数线应满足 红 < 橙 < 黄',
    path: ['orangeBelow'],
  });
export type TRiskAssessmentSettings = z.infer<typeof ZRiskAssessmentSettingsSchema>;
export const DEFAULT_RISK_ASSESSMENT: TRiskAssessmentSettings = {
  redBelow: 60,
  orangeBelow: 75,
  yellowBelow: 90,
  validityYears: 3,
  expiringWithinDays: 90,
};

/** Dynamic grading (seed §二(二)2(5), Zhongshan practice): the window and counts that raise or lower a grade. */
export const ZRiskDynamicSettingsSchema = z.object({
  windowMonths: int('统计窗口（月）', 1, 60),
  recurrenceCount: int('同类隐患反复出现次数', 2, 50),
  penaltyCount: int('行政处罚次数', 1, 50),
  cleanMonths: int('降级所需无事件期（月）', 1, 60),
});
export type TRiskDynamicSettings = z.infer<typeof ZRiskDynamicSettingsSchema>;
export const DEFAULT_RISK_DYNAMIC: TRiskDynamicSettings = { windowMonths: 12, recurrenceCount: 3, penaltyCount: 2, cleanMonths: 12 };
