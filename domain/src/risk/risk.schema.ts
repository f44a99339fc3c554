import '../shared/zod-locale';
import { z } from 'zod';

/** The four colours (四色分级), highest risk first: 红 重大, 橙 较大, 黄 一般, 蓝 低 (DOMAIN.md §5). */
export const RISK_COLOURS = ['red', 'orange', 'yellow', 'blue'] as const;
export type TRiskColour = (typeof RISK_COLOURS)[number];
export const ZRiskColourSchema = z.enum(RISK_COLOURS, { error: '风险等级应为 red、orange、yellow 或 blue（红、橙、黄、蓝）' });
export const RISK_COLOUR_LABELS: Record<TRiskColour, string> = { red: '红', orange: '橙', yellow: '黄', blue: '蓝' };
export const RISK_COLOUR_NAMES: Record<TRiskColour, string> = {
  red: '红色（重大风险）',
  orange: '橙色（较大风险）',
  yellow: '黄色（一般风险）',
  blue: '蓝色（低风险）',
};

export const RISK_BASES = ['assessment', 'initial', 'dynamic'] as const;
export type TRiskBasis = (typeof RISK_BASES)[number];
export const RISK_BASIS_LABELS: Record<TRiskBasis, string> = { assessment: '专家评估', initial: '初始', dynamic: '动态' };

/** What other modules report about a firm, and what the dynamic rules read. */
export const RISK_EVENT_KINDS = [
  'accident',
  'major_hazard_opened',
  'major_hazard_closed',
  'hazard_found',
  'hazard_closed',
  'penalty',
  'directive_refused',
] as const;
export type TRiskEventKind = (typeof RISK_EVENT_KINDS)[number];
export const RISK_EVENT_LABELS: Record<TRiskEventKind, string> = {
  accident: '生产安全事故',
  major_hazard_opened: '发现重大事故隐患',
  major_hazard_closed: '重大事故隐患销号',
  hazard_found: '发现事故隐患',
  hazard_closed: '事故隐患整改闭环',
  penalty: '行政处罚',
  directive_refused: '拒不执行监管指令',
};
/** Events an officer may record by hand on a firm's risk panel (the other kinds come from their modules). */
export const MANUAL_RISK_EVENT_KINDS = ['directive_refused', 'accident', 'penalty'] as const;

export const ZRiskReasonSchema = z.object({ rule: z.string(), text: z.string(), refs: z.array(z.string()).optional() });
export type TRiskReason = z.infer<typeof ZRiskReasonSchema>;

const reason = z.string({ error: '请填写原因' }).trim().min(2, '请填写原因（至少 2 个字）').max(500, '原因最多 500 个字');
const dateField = (label: string) => z.iso.date(`${label}格式应为 YYYY-MM-DD`);

/** An initial grade set by hand (no expert assessment yet). */
export const ZRiskInitialGradeSchema = z.object({
  colour: ZRiskColourSchema,
  score: z
    .number({ error: '评估得分必须是数字' })
    .min(0, '评估得分应在 0–100 之间')
    .max(100, '评估得分应在 0–100 之间')
    .nullable()
    .optional(),
  assessedOn: dateField('定级日期'),
  reason,
});
export type TRiskInitialGrade = z.infer<typeof ZRiskInitialGradeSchema>;

/** An event recorded by hand (拒不执行监管指令, an accident or a penalty not yet in their modules). */
export const ZRiskManualEventSchema = z.object({
  kind: z.enum(MANUAL_RISK_EVENT_KINDS, { error: '事件类型应为 拒不执行监管指令、生产安全事故 或 行政处罚' }),
  occurredOn: dateField('发生日期'),
  summary: reason,
});
export type TRiskManualEvent = z.infer<typeof ZRiskManualEventSchema>;

export const ZRiskDecisionSchema = z
  .object({
    approve: z.boolean({ error: '请选择同意或不同意' }),
    comment: z.string().trim().max(500, '意见最多 500 个字').nullable().optional(),
  })
  .refine((d) => d.approve || (d.comment ?? '').length >= 2, { message: '不同意调整时请填写理由（至少 2 个字）', path: ['comment'] });
export type TRiskDecision = z.infer<typeof ZRiskDecisionSchema>;

export const ZRiskGradeSchema = z.object({
  enterpriseId: z.number().int(),
  colour: ZRiskColourSchema,
  score: z.number().nullable(),
  basis: z.enum(RISK_BASES),
  forcedRed: z.array(z.string()),
  assessedOn: z.string(),
  validUntil: z.string(),
  updatedAt: z.string(),
});
export type TRiskGrade = z.infer<typeof ZRiskGradeSchema>;

export const ZRiskHistorySchema = z.object({
  id: z.number().int(),
  fromColour: ZRiskColourSchema.nullable(),
  toColour: ZRiskColourSchema,
  score: z.number().nullable(),
  basis: z.enum(RISK_BASES),
  reasons: z.array(ZRiskReasonSchema),
  comment: z.string().nullable(),
  decidedByName: z.string().nullable(),
  at: z.string(),
});

export const ZRiskEventSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  category: z.string().nullable(),
  occurredAt: z.string(),
  module: z.string(),
  ref: z.string().nullable(),
  summary: z.string(),
});

export const ZRiskProposalSchema = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  fromColour: ZRiskColourSchema,
  toColour: ZRiskColourSchema,
  direction: z.enum(['up', 'down']),
  reasons: z.array(ZRiskReasonSchema),
  status: z.enum(['pending', 'approved', 'rejected', 'superseded']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  comment: z.string().nullable(),
});
export type TRiskProposal = z.infer<typeof ZRiskProposalSchema>;

export const ZRiskPanelSchema = z.object({
  grade: ZRiskGradeSchema.nullable(),
  history: z.array(ZRiskHistorySchema),
  events: z.array(ZRiskEventSchema),
  pending: ZRiskProposalSchema.nullable(),
  /** The riskAssessment setting: a grade this close to its end is due for re-assessment. */
  expiringWithinDays: z.number().int(),
  can: z.object({ assess: z.boolean(), decide: z.boolean() }),
});
export type TRiskPanel = z.infer<typeof ZRiskPanelSchema>;

export const ZRiskProposalQuerySchema = z.object({
  status: z.enum(['pending', 'approved', 'rejected', 'superseded']).default('pending'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const colourCounts = {
  red: z.number().int(),
  orange: z.number().int(),
  yellow: z.number().int(),
  blue: z.number().int(),
  total: z.number().int(),
};
export const ZRiskDistributionSchema = z.object({
  /** What `byTown` counts by: towns, or for a province's reader its cities. */
  level: z.enum(['town', 'city']),
  totals: z.object(colourCounts),
  byTown: z.array(z.object({ divisionCode: z.string(), name: z.string().nullable(), ...colourCounts })),
  byCategory: z.array(z.object({ category: z.string(), ...colourCounts })),
});
export type TRiskDistribution = z.infer<typeof ZRiskDistributionSchema>;

export const ZRiskExpiringQuerySchema = z.object({
  state: z.enum(['expiring', 'expired']).default('expiring'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const ZRiskExpiringSchema = z.object({
  items: z.array(
    z.object({
      enterpriseId: z.number().int(),
      enterpriseName: z.string(),
      creditCode: z.string(),
      divisionName: z.string().nullable(),
      colour: ZRiskColourSchema,
      basis: z.enum(RISK_BASES),
      assessedOn: z.string(),
      validUntil: z.string(),
      daysLeft: z.number().int(),
    }),
  ),
  total: z.number().int(),
  withinDays: z.number().int(),
});

export const ZRiskMapPointSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  colour: ZRiskColourSchema,
  longitude: z.number(),
  latitude: z.number(),
  divisionName: z.string().nullable(),
});

export const ZRiskEvaluationResultSchema = z.object({
  evaluated: z.number().int(),
  proposed: z.number().int(),
  withdrawn: z.number().int(),
});

const ZAssessmentRowSchema = z.object({
  row: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  enterpriseId: z.number().int().nullable(),
  registryName: z.string().nullable(),
  score: z.number().nullable(),
  assessedOn: z.string().nullable(),
  forcedRed: z.array(z.string()),
  fromColour: ZRiskColourSchema.nullable(),
  toColour: ZRiskColourSchema.nullable(),
  problems: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type TAssessmentPreviewRow = z.infer<typeof ZAssessmentRowSchema>;
export const ZAssessmentPreviewSchema = z.object({
  token: z.string(),
  fileName: z.string(),
  rows: z.array(ZAssessmentRowSchema),
  counts: z.object({
    rows: z.number().int(),
    bad: z.number().int(),
    red: z.number().int(),
    orange: z.number().int(),
    yellow: z.number().int(),
    blue: z.number().int(),
    changed: z.number().int(),
  }),
  applied: z.boolean(),
});
export type TAssessmentPreview = z.infer<typeof ZAssessmentPreviewSchema>;
export const ZAssessmentApplySchema = z.object({
  token: z.string().regex(/^[0-9a-f]{64}$/, '预览凭据不正确，请重新上传'),
  fileName: z.string().trim().min(1).max(200),
});
