/** The drill-duty setting table: which plans must be drilled how often (DOMAIN.md §8), editable per bureau. */
import { z } from 'zod';
import { DEFAULT_DRILL_DUTIES, EMERGENCY_PLAN_KINDS, EMERGENCY_PLAN_LEVELS, type TDrillDutyRule } from './drill.rules';

export const ZDrillDutiesSchema = z
  .array(
    z.object({
      levels: z
        .array(z.enum(EMERGENCY_PLAN_LEVELS, { error: '预案层级不正确' }))
        .min(1, '适用层级至少选一项（不限层级时不填）')
        .optional(),
      kinds: z
        .array(z.enum(EMERGENCY_PLAN_KINDS, { error: '预案类别不正确' }))
        .min(1, '适用类别至少选一项（不限类别时不填）')
        .optional(),
      workSafetyOnly: z.boolean().optional(),
      highRiskOnly: z.boolean().optional(),
      months: z
        .number({ error: '演练周期必须填写（整月数）' })
        .int('演练周期必须是整月数')
        .min(1, '演练周期至少 1 个月')
        .max(120, '演练周期最多 120 个月'),
      basis: z.string({ error: '依据必须填写' }).trim().min(2, '请写明依据').max(200, '依据最多 200 个字'),
    }),
  )
  .max(50, '演练周期规则最多 50 条') satisfies z.ZodType<TDrillDutyRule[]>;

export const DEFAULT_DRILL_DUTY_SETTING: TDrillDutyRule[] = DEFAULT_DRILL_DUTIES;
