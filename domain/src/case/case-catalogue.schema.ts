import '../shared/zod-locale';
import { z } from 'zod';
import { fen, text } from './case-fields.schema';
import { CIRCUMSTANCES, OTHER_PENALTIES, PENALTY_TARGETS } from './case-terms.schema';

/** 第一档 / 第二档 (逾期未改正) of an article; 1 when omitted. */
export const ZFineTierSchema = z.union([z.literal(1), z.literal(2)], { error: '罚款档次应为 1（责令限期改正）或 2（逾期未改正）' });

// ───────────────────────────── catalogue and discretion ─────────────────────────────
export const ZFineRangeSchema = z
  .object({ minFen: fen('罚款下限'), maxFen: fen('罚款上限') })
  .refine((r) => r.minFen <= r.maxFen, { message: '罚款下限不能大于上限', path: ['minFen'] });
export type TFineRange = z.infer<typeof ZFineRangeSchema>;

/** A discretion band (自由裁量基准): violation × target × circumstance → fine range. The bureau edits these. */
export const ZDiscretionBandSchema = z.object({
  tier: ZFineTierSchema.default(1),
  target: z.enum(PENALTY_TARGETS, { error: '处罚对象应为 单位 或 个人' }),
  circumstance: z.enum(CIRCUMSTANCES, { error: '违法情节应为 轻微、一般、较重 或 严重' }),
  minFen: fen('罚款下限'),
  maxFen: fen('罚款上限'),
  description: z.string().trim().max(500, '情节描述最多 500 个字').default(''),
});
export type TDiscretionBand = z.infer<typeof ZDiscretionBandSchema>;

/** The second tier of an article (逾期未改正 / 拒不执行 / 拒不改正): its ranges and other penalties. */
export const ZTier2Schema = z.object({
  unitRange: ZFineRangeSchema.nullable(),
  personRange: ZFineRangeSchema.nullable(),
  otherPenalties: z.array(z.enum(OTHER_PENALTIES)).default([]),
});
export type TTier2 = z.infer<typeof ZTier2Schema>;

/** One violation of the catalogue (违法行为及处罚依据). */
export const ZViolationSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  /** 违法依据: the article breached. */
  violatedProvision: z.string(),
  /** 处罚依据: the article that sets the penalty. */
  penaltyProvision: z.string(),
  /** The statutory ranges of tier 1 (with the order to correct), as the law has them. */
  unitRange: ZFineRangeSchema.nullable(),
  personRange: ZFineRangeSchema.nullable(),
  /** Tier 2 (逾期未改正, found at a 复查): null when the article has none. */
  tier2: ZTier2Schema.nullable(),
  otherPenalties: z.array(z.enum(OTHER_PENALTIES)),
  active: z.boolean(),
  bands: z.array(ZDiscretionBandSchema),
});
export type TViolation = z.infer<typeof ZViolationSchema>;

export const ZViolationUpsertSchema = z.object({
  code: z
    .string({ error: '编码必须填写' })
    .trim()
    .regex(/^[A-Z0-9-]{2,40}$/, '编码只能用大写字母、数字和短横线'),
  title: text('违法行为', 300),
  violatedProvision: text('违法依据', 500),
  penaltyProvision: text('处罚依据', 500),
  unitRange: ZFineRangeSchema.nullable(),
  personRange: ZFineRangeSchema.nullable(),
  /** Omitted: the stored tier 2 is kept. */
  tier2: ZTier2Schema.nullable().optional(),
  otherPenalties: z.array(z.enum(OTHER_PENALTIES)).default([]),
  active: z.boolean().default(true),
  bands: z.array(ZDiscretionBandSchema).max(16, '裁量档次最多 16 个'),
});
export type TViolationUpsert = z.infer<typeof ZViolationUpsertSchema>;
