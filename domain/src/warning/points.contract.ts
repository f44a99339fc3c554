/** Waterlogging points (内涝水浸点): the plan of each (一点一策), its flooding history and the 双三十 checks in heavy rain. */
import '../shared/zod-locale';
import { z } from 'zod';
import { defineEndpoint, ZIdParamsSchema } from '../shared/contract';
import { WARNING_LEVELS } from './warning.settings';

const text = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 字`).default('');
const count = (label: string, max: number, unit: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(max, `${label}不能超过 ${max} ${unit}`);

/** 一点一策: who answers for the point, what is pre-positioned there, and what is done when it floods. */
export const ZPointPlanSchema = z.object({
  responsiblePerson: z.string({ error: '请填写责任人' }).trim().min(2, '责任人姓名至少 2 个字').max(20, '责任人姓名过长'),
  phone: z
    .string({ error: '请填写责任人电话' })
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '责任人电话应为 11 位手机号或带区号的固定电话'),
  pumps: count('预置水泵', 200, '台'),
  supplies: text('预置物资', 1000),
  warehouseId: z.number().int().positive('物资仓库无效').nullable().default(null),
  roadClosure: text('封路措施', 1000),
  evacuation: text('人员转移措施', 1000),
});
export type TPointPlan = z.infer<typeof ZPointPlanSchema>;

const date = z.string({ error: '请填写水浸日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '水浸日期应为 YYYY-MM-DD');

/** A flooding of the point (水浸历史): when, for how long, how deep. */
export const ZFloodingInputSchema = z.object({
  on: date,
  durationMinutes: count('水浸时长', 7 * 24 * 60, '分钟').min(1, '水浸时长至少 1 分钟'),
  depthCm: count('积水深度', 500, '厘米').nullable().default(null),
  note: text('说明', 500),
});

/** A 双三十 check during heavy rain: the measures, then the action taken. */
export const ZDoubleThirtyInputSchema = z.object({
  warningId: z.number({ error: '请选择所依据的预警' }).int().positive('预警编号无效'),
  rainfallMm: count('1小时降雨量', 500, '毫米').nullable().default(null),
  depthCm: count('积水深度', 500, '厘米').nullable().default(null),
  roadsClosed: z.boolean().default(false),
  peopleMoved: count('转移人数', 100_000, '人').default(0),
  note: text('说明', 500),
});
export type TDoubleThirtyInput = z.infer<typeof ZDoubleThirtyInputSchema>;

/** A 双三十 check as listed on the point's and the warning's pages. */
export const ZDoubleThirtyCheckSchema = z.object({
  id: z.number(),
  pointId: z.number(),
  pointName: z.string(),
  townName: z.string(),
  warningId: z.number().nullable(),
  at: z.string(),
  rainfallMm: z.number().nullable(),
  depthCm: z.number().nullable(),
  triggered: z.boolean(),
  roadsClosed: z.boolean(),
  peopleMoved: z.number(),
  note: z.string(),
  actorName: z.string(),
});
export type TDoubleThirtyCheck = z.infer<typeof ZDoubleThirtyCheckSchema>;

const ZPointSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  townCode: z.string(),
  townName: z.string(),
  location: z.string(),
  responsiblePerson: z.string(),
  phone: z.string(),
  pumps: z.number(),
  floodings: z.number(),
  lastFloodedOn: z.string().nullable(),
});

export const ZPointDetailSchema = ZPointSummarySchema.extend({
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  supplies: z.string(),
  warehouseId: z.number().nullable(),
  warehouseName: z.string().nullable(),
  roadClosure: z.string(),
  evacuation: z.string(),
  updatedAt: z.string(),
  floodings: z.array(
    z.object({
      id: z.number(),
      on: z.string(),
      durationMinutes: z.number().nullable(),
      depthCm: z.number().nullable(),
      note: z.string(),
      actorName: z.string(),
    }),
  ),
  checks: z.array(ZDoubleThirtyCheckSchema),
  /** The rain warnings on now whose area holds the point: a check is recorded under one of them. */
  rainWarnings: z.array(z.object({ id: z.number(), kind: z.string(), level: z.enum(WARNING_LEVELS), issuedAt: z.string() })),
  /** What the user may do here (the page hides the rest). */
  canEdit: z.boolean(),
});
export type TPointDetail = z.infer<typeof ZPointDetailSchema>;

export const pointsEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/warning-points',
    access: 'warning.read',
    summary: '内涝水浸点列表（镇街只见本镇街）',
    query: z.object({
      town: z
        .string()
        .regex(/^\d{9}$/, '镇街代码必须是 9 位数字')
        .optional(),
    }),
    response: z.object({ items: z.array(ZPointSummarySchema) }),
  }),
  detail: defineEndpoint({
    method: 'GET',
    path: '/api/warning-points/:id',
    access: 'warning.read',
    summary: '水浸点详情：一点一策、水浸历史、双三十检查',
    params: ZIdParamsSchema,
    response: ZPointDetailSchema,
  }),
  plan: defineEndpoint({
    method: 'POST',
    path: '/api/warning-points/:id/plan',
    access: 'warning.points',
    summary: '修改水浸点的一点一策（责任人、预置水泵与物资、封路与转移措施）',
    params: ZIdParamsSchema,
    body: ZPointPlanSchema,
    response: ZPointDetailSchema,
  }),
  flooding: defineEndpoint({
    method: 'POST',
    path: '/api/warning-points/:id/floodings',
    access: 'warning.points',
    summary: '记录一次水浸（日期、时长、积水深度）',
    params: ZIdParamsSchema,
    body: ZFloodingInputSchema,
    status: 201,
    response: ZPointDetailSchema,
  }),
  check: defineEndpoint({
    method: 'POST',
    path: '/api/warning-points/:id/checks',
    access: 'warning.points',
    summary: '强降雨期间记录双三十检查（1小时降雨量、积水深度、封路与转移人员）',
    params: ZIdParamsSchema,
    body: ZDoubleThirtyInputSchema,
    status: 201,
    response: ZPointDetailSchema,
  }),
};
