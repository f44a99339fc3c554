import '../shared/zod-locale';
import { z } from 'zod';
import { ZPlanStratumSchema } from './plan.schema';

export const DRAW_STATUSES = ['committed', 'drawn', 'superseded'] as const;
export const DRAW_STATUS_LABELS: Record<(typeof DRAW_STATUSES)[number], string> = {
  committed: '已生成承诺，待抽取',
  drawn: '已抽取',
  superseded: '已作废（重新抽取）',
};

export const ZDrawCommitSchema = z.object({
  label: z.string({ error: '批次名称必须是文字' }).trim().min(1, '请填写批次名称').max(60, '批次名称最多 60 个字符'),
});
export const ZRedrawSchema = z.object({
  reason: z
    .string({ error: '重新抽取原因必须是文字' })
    .trim()
    .min(4, '请填写重新抽取的原因（至少 4 个字）')
    .max(500, '原因最多 500 个字符'),
});

/** 更正抽取: a published draw is never redrawn (its firms are being checked); a correction is a new, linked draw. */
export const ZDrawCorrectionSchema = z.object({
  reason: z.string({ error: '更正原因必须是文字' }).trim().min(4, '请填写更正的原因（至少 4 个字）').max(500, '原因最多 500 个字符'),
});

export const ZDrawCandidateSchema = z.object({
  enterpriseId: z.number(),
  divisionCode: z.string(),
  stratum: ZPlanStratumSchema,
  excludedInspectorIds: z.array(z.number()),
});
export const ZDrawInspectorSchema = z.object({ userId: z.number(), certificateExpiresOn: z.string() });
export const ZDrawParamsSchema = z.object({
  ratios: z.record(z.string(), z.number()),
  inspectorsPerTarget: z.number(),
  drawDate: z.string(),
});

export const ZDrawTargetSchema = z.object({
  id: z.number(),
  position: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  stratum: ZPlanStratumSchema,
  inspectorIds: z.array(z.number()),
  inspectorNames: z.array(z.string()),
  inspectionId: z.number().nullable(),
  /** The submitted check's date, its result's publication deadline (working days) and whether it is late. */
  inspectedOn: z.string().nullable(),
  publishBy: z.string().nullable(),
  resultPublished: z.boolean(),
  publicationOverdue: z.boolean(),
});
export type TDrawTargetView = z.infer<typeof ZDrawTargetSchema>;

export const ZDrawSchema = z.object({
  id: z.number(),
  planId: z.number(),
  planTitle: z.string(),
  divisionCode: z.string(),
  label: z.string(),
  status: z.enum(DRAW_STATUSES),
  commitment: z.string(),
  /** Null until the draw is run. */
  seed: z.string().nullable(),
  candidatesHash: z.string(),
  inspectorsHash: z.string(),
  candidateCount: z.number(),
  inspectorCount: z.number(),
  targetCount: z.number(),
  committedAt: z.string(),
  drawnAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** This draw replaces an unpublished one, which is superseded. */
  redrawOf: z.number().nullable(),
  redrawReason: z.string().nullable(),
  supersededBy: z.number().nullable(),
  /** This draw corrects a published one, which stays valid; the reason is recorded. */
  correctionOf: z.number().nullable(),
  correctionReason: z.string().nullable(),
  /** The latest draw correcting this one. */
  correctedBy: z.number().nullable(),
});
export type TDraw = z.infer<typeof ZDrawSchema>;

export const ZDrawDetailSchema = z.object({
  draw: ZDrawSchema,
  targets: z.array(ZDrawTargetSchema),
  can: z.object({ draw: z.boolean(), publish: z.boolean(), redraw: z.boolean(), correct: z.boolean() }),
});

/** The frozen inputs of a draw, exactly as the draw function reads them: download, rerun, compare. */
export const ZDrawInputsSchema = z.object({
  drawId: z.number(),
  commitment: z.string(),
  seed: z.string().nullable(),
  candidatesHash: z.string(),
  inspectorsHash: z.string(),
  candidates: z.array(ZDrawCandidateSchema),
  inspectors: z.array(ZDrawInspectorSchema),
  params: ZDrawParamsSchema,
  targets: z.array(
    z.object({
      position: z.number(),
      enterpriseId: z.number(),
      divisionCode: z.string(),
      stratum: ZPlanStratumSchema,
      inspectorIds: z.array(z.number()),
    }),
  ),
});
export type TDrawInputs = z.infer<typeof ZDrawInputsSchema>;

export const ZVerifyResultSchema = z.object({ ok: z.boolean(), problem: z.string().nullable(), targets: z.number() });

export const ZPublicResultSchema = z.object({
  inspectedOn: z.string(),
  conclusion: z.string().nullable(),
  findings: z.number(),
  /** The check date + the publication period in working days (the bureau's calendar). */
  publishBy: z.string(),
  published: z.boolean(),
  overdue: z.boolean(),
});

export const ZPublicTargetSchema = z.object({
  position: z.number(),
  enterpriseName: z.string(),
  divisionName: z.string().nullable(),
  stratum: ZPlanStratumSchema,
  inspectorNames: z.array(z.string()),
  result: ZPublicResultSchema.nullable(),
});

export const ZPublicDrawSchema = z.object({
  id: z.number(),
  body: z.string(),
  planTitle: z.string(),
  planYear: z.number(),
  label: z.string(),
  status: z.enum(DRAW_STATUSES),
  commitment: z.string(),
  candidatesHash: z.string(),
  inspectorsHash: z.string(),
  candidateCount: z.number(),
  committedAt: z.string(),
  drawnAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Revealed only once the draw is published. */
  seed: z.string().nullable(),
  targetCount: z.number(),
  redrawOf: z.number().nullable(),
  redrawReason: z.string().nullable(),
  supersededBy: z.number().nullable(),
  correctionOf: z.number().nullable(),
  correctionReason: z.string().nullable(),
  correctedBy: z.number().nullable(),
});
export const ZPublicDrawPageSchema = z.object({ items: z.array(ZPublicDrawSchema), total: z.number() });
export const ZPublicDrawDetailSchema = z.object({
  draw: ZPublicDrawSchema,
  targets: z.array(ZPublicTargetSchema),
  resultDays: z.number(),
});
