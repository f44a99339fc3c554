import '../shared/zod-locale';
import { z } from 'zod';

const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`);

/** A firm's grade for planning: the four colours, or 'none' for a firm not graded. */
export const PLAN_STRATA = ['red', 'orange', 'yellow', 'blue', 'none'] as const;
export type TPlanStratum = (typeof PLAN_STRATA)[number];
export const STRATUM_LABELS: Record<TPlanStratum, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色', none: '未定级' };

const ZFrequencySchema = z
  .object({ min: int('每年最少检查次数', 0, 52), max: int('每年最多检查次数', 0, 52) })
  .refine((f) => f.min <= f.max, { message: '最少次数不能大于最多次数', path: ['min'] });

/**
 * Checks per firm per year by grade. No national figure exists (DOMAIN.md §5 [open]); 国办发〔2024〕54号 caps
 * checks, so each grade has a maximum as well as a minimum. The defaults are a starting point for the bureau.
 */
export const ZInspectionFrequencySchema = z.object({
  red: ZFrequencySchema,
  orange: ZFrequencySchema,
  yellow: ZFrequencySchema,
  blue: ZFrequencySchema,
  none: ZFrequencySchema,
});
export type TInspectionFrequency = z.infer<typeof ZInspectionFrequencySchema>;
export const DEFAULT_INSPECTION_FREQUENCY: TInspectionFrequency = {
  red: { min: 4, max: 12 },
  orange: { min: 2, max: 6 },
  yellow: { min: 1, max: 3 },
  blue: { min: 0, max: 2 },
  none: { min: 0, max: 1 },
};

/** 双随机一公开 (国办发〔2015〕58号): results published within 20 working days after the check [secondary, DOMAIN.md §6]. */
export const ZInspectionPublicationSchema = z.object({
  resultDays: int('检查结果公示期限（工作日）', 1, 90),
  minInspectors: int('每次检查最少执法人员数', 2, 10),
});
export type TInspectionPublication = z.infer<typeof ZInspectionPublicationSchema>;
export const DEFAULT_INSPECTION_PUBLICATION: TInspectionPublication = { resultDays: 20, minInspectors: 2 };
