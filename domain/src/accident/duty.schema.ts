/** Duty room contracts (值班值守): the roster by day with swaps, the duty log, and who is on duty now. */
import '../shared/zod-locale';
import { z } from 'zod';
import { defineEndpoint } from '../shared/contract';
import { DUTY_LOG_KINDS, DUTY_POSTS } from './accident.data';

const day = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD` });
const name = z.string({ error: '姓名必须填写' }).trim().min(2, '姓名至少 2 个字').max(20, '姓名最多 20 个字');

export const ZDutyPostSchema = z.enum(DUTY_POSTS, { error: '值班岗位不正确' });
export const ZDutyPersonSchema = z.object({
  post: ZDutyPostSchema,
  name,
  phone: z.string().trim().max(20, '电话最多 20 位').default(''),
});
export type TDutyPerson = z.infer<typeof ZDutyPersonSchema>;

export const ZDutyDaySchema = z.object({
  date: z.string(),
  people: z.array(ZDutyPersonSchema),
  /** 缺带班领导 / 缺值班员. */
  gaps: z.array(z.string()),
  swaps: z.array(
    z.object({
      id: z.number(),
      post: ZDutyPostSchema,
      fromName: z.string(),
      toName: z.string(),
      toDate: z.string().nullable(),
      reason: z.string(),
      at: z.string(),
      recordedBy: z.string(),
    }),
  ),
});
export type TDutyDay = z.infer<typeof ZDutyDaySchema>;

export const ZRosterQuerySchema = z.object({ from: day('开始日期'), to: day('结束日期') });
export const ZRosterDayParamsSchema = z.object({ date: day('值班日期') });
export const ZRosterDayInputSchema = z.object({ people: z.array(ZDutyPersonSchema).max(20, '一天最多 20 人') });

export const ZDutySwapSchema = z.object({
  date: day('值班日期'),
  post: ZDutyPostSchema,
  fromName: name,
  /** Who takes the shift; empty means the person is simply taken off (refused when it leaves the day short). */
  toName: z.string().trim().max(20).default(''),
  toPhone: z.string().trim().max(20).default(''),
  /** For an exchange: the day on which `toName` was on duty and `fromName` now takes. */
  toDate: day('对调日期').nullable().default(null),
  reason: z.string({ error: '换班理由必须填写' }).trim().min(2, '换班理由至少 2 个字').max(500),
});

export const ZDutyLogEntrySchema = z.object({
  id: z.number(),
  dutyDate: z.string(),
  at: z.string(),
  kind: z.enum(DUTY_LOG_KINDS),
  content: z.string(),
  accidentId: z.number().nullable(),
  accidentTitle: z.string().nullable(),
  recordedBy: z.string(),
});
export const ZDutyLogInputSchema = z.object({
  kind: z.enum(DUTY_LOG_KINDS, { error: '日志类型不正确' }),
  at: z.iso.datetime({ offset: true, error: '时间格式不正确' }),
  content: z.string({ error: '内容必须填写' }).trim().min(2, '内容至少 2 个字').max(4000, '内容最多 4000 个字'),
  accidentId: z.number().int().positive().nullable().default(null),
});

export const dutyEndpoints = {
  roster: defineEndpoint({
    method: 'GET',
    path: '/api/duty/roster',
    access: 'duty.read',
    summary: '值班表（按日，含缺岗提示与换班记录）',
    query: ZRosterQuerySchema,
    response: z.object({ days: z.array(ZDutyDaySchema) }),
  }),
  setDay: defineEndpoint({
    method: 'PUT',
    path: '/api/duty/roster/:date',
    access: 'duty.manage',
    summary: '排定一天的值班人员',
    params: ZRosterDayParamsSchema,
    body: ZRosterDayInputSchema,
    response: ZDutyDaySchema,
  }),
  swap: defineEndpoint({
    method: 'POST',
    path: '/api/duty/swaps',
    access: 'duty.manage',
    summary: '换班（记录在案，不得造成缺岗）',
    body: ZDutySwapSchema,
    response: z.object({ days: z.array(ZDutyDaySchema) }),
  }),
  now: defineEndpoint({
    method: 'GET',
    path: '/api/duty/now',
    access: 'duty.read',
    summary: '当前在岗值班人员',
    response: z.object({ dutyDate: z.string(), people: z.array(ZDutyPersonSchema), gaps: z.array(z.string()) }),
  }),
  log: defineEndpoint({
    method: 'GET',
    path: '/api/duty/log',
    access: 'duty.read',
    summary: '值班日志',
    query: z.object({ date: day('值班日期').optional(), accidentId: z.coerce.number().int().positive().optional() }),
    response: z.object({ items: z.array(ZDutyLogEntrySchema) }),
  }),
  addLog: defineEndpoint({
    method: 'POST',
    path: '/api/duty/log',
    access: 'duty.manage',
    summary: '记值班日志（来电、接报、处置、交接班）',
    body: ZDutyLogInputSchema,
    response: ZDutyLogEntrySchema,
    status: 201,
  }),
};
