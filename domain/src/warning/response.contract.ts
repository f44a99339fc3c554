/** Flood-season response levels (应急响应 Ⅳ→Ⅰ) and the consultations (会商研判) each level requires. */
import '../shared/zod-locale';
import { z } from 'zod';
import { defineEndpoint, idParams, ZIdParamsSchema } from '../shared/contract';
import { RESPONSE_LEVELS } from './warning.settings';

export const RESPONSE_LEVEL_LABELS = { IV: 'Ⅳ级', III: 'Ⅲ级', II: 'Ⅱ级', I: 'Ⅰ级' } as const;

const level = z.enum(RESPONSE_LEVELS, { error: '响应级别应为Ⅳ级、Ⅲ级、Ⅱ级或Ⅰ级' });
const reason = z.string({ error: '请填写原因' }).trim().min(4, '原因至少 4 个字').max(1000, '原因不能超过 1000 字');
const sha = z.string().regex(/^[0-9a-f]{64}$/, '附件无效');

export const ZResponseStartSchema = z.object({
  divisionCode: z.string({ error: '请选择响应范围' }).regex(/^(\d{4}|\d{9})$/, '响应范围应为全市或一个镇街'),
  level,
  reason,
  warningIds: z.array(z.number().int().positive('预警编号无效')).max(50, '关联预警过多').default([]),
});
export const ZResponseChangeSchema = z.object({ level, reason });
export const ZResponseEndSchema = z.object({ reason });

export const ZConsultationInputSchema = z.object({
  heldAt: z.iso.datetime({ offset: true, error: '会商时间应为带时区的时间' }),
  attendees: z.string({ error: '请填写参会人员' }).trim().min(2, '参会人员至少 2 个字').max(1000, '参会人员不能超过 1000 字'),
  conclusions: z.string({ error: '请填写会商结论' }).trim().min(4, '会商结论至少 4 个字').max(4000, '会商结论不能超过 4000 字'),
  attachments: z.array(sha).max(10, '附件最多 10 个').default([]),
});

const ZConsultationSchema = z.object({
  id: z.number(),
  responseId: z.number(),
  heldAt: z.string(),
  attendees: z.string(),
  conclusions: z.string(),
  attachments: z.array(z.string()),
  actorName: z.string(),
});

export const ZResponseSchema = z.object({
  id: z.number(),
  divisionCode: z.string(),
  areaName: z.string(),
  level,
  warningIds: z.array(z.number()),
  reason: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  previousId: z.number().nullable(),
  actorName: z.string(),
  consultations: z.number(),
  lastConsultationAt: z.string().nullable(),
  /** When the next consultation is due (null once ended), and whether that time has passed. */
  nextDueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** The consultations it missed, dated when each fell due. */
  missed: z.array(z.string()),
});
export type TResponse = z.infer<typeof ZResponseSchema>;

export const ZResponseDetailSchema = ZResponseSchema.extend({
  /** The levels before this one (raised or lowered into it), newest first. */
  history: z.array(ZResponseSchema),
  items: z.array(ZConsultationSchema),
  frequencyHours: z.number(),
});
export type TResponseDetail = z.infer<typeof ZResponseDetailSchema>;

export const responseEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/warning-responses',
    access: 'warning.read',
    summary: '应急响应列表：生效中的响应在前，含会商是否逾期',
    query: z.object({
      active: z.enum(['1', '0'], { error: 'active 应为 1 或 0' }).optional(),
      page: z.coerce.number().int().min(1, '页码不能小于 1').max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
    }),
    response: z.object({ items: z.array(ZResponseSchema), total: z.number() }),
  }),
  start: defineEndpoint({
    method: 'POST',
    path: '/api/warning-responses',
    access: 'warning.response',
    summary: '启动应急响应（全市或镇街，Ⅳ级至Ⅰ级）',
    body: ZResponseStartSchema,
    status: 201,
    response: ZResponseSchema,
  }),
  detail: defineEndpoint({
    method: 'GET',
    path: '/api/warning-responses/:id',
    access: 'warning.read',
    summary: '应急响应详情：级别变化、会商记录、会商计划与逾期',
    params: ZIdParamsSchema,
    response: ZResponseDetailSchema,
  }),
  change: defineEndpoint({
    method: 'POST',
    path: '/api/warning-responses/:id/change',
    access: 'warning.response',
    summary: '提升或降低响应级别（原响应结束，新级别接续）',
    params: idParams('响应编号'),
    body: ZResponseChangeSchema,
    response: ZResponseSchema,
  }),
  end: defineEndpoint({
    method: 'POST',
    path: '/api/warning-responses/:id/end',
    access: 'warning.response',
    summary: '终止应急响应',
    params: idParams('响应编号'),
    body: ZResponseEndSchema,
    response: ZResponseSchema,
  }),
  consult: defineEndpoint({
    method: 'POST',
    path: '/api/warning-responses/:id/consultations',
    access: 'warning.response',
    summary: '记录一次会商研判（时间、参会人员、结论、附件）',
    params: idParams('响应编号'),
    body: ZConsultationInputSchema,
    status: 201,
    response: ZResponseDetailSchema,
  }),
};
