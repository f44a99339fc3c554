import { z } from 'zod';
import { defineEndpoint, FILE_RESPONSE } from '../shared/contract';

const ZGroupSchema = z.object({
  group: z.string(),
  called: z.number(),
  answered: z.number(),
  rate: z.number(),
  medianMinutes: z.number().nullable(),
  escalated: z.number(),
});

export const ZWarningStatsQuerySchema = z.object({
  year: z.coerce
    .number({ error: '年份必须是数字' })
    .int('年份必须是整数')
    .min(2000, '年份不能早于 2000')
    .max(2100, '年份不能晚于 2100')
    .optional(),
  warningId: z.coerce.number({ error: '预警编号必须是数字' }).int().positive('预警编号必须是正整数').optional(),
});

export const ZWarningStatsSchema = z.object({
  warnings: z.number(),
  totals: ZGroupSchema,
  byTown: z.array(ZGroupSchema),
  byPost: z.array(ZGroupSchema),
});
export type TWarningStats = z.infer<typeof ZWarningStatsSchema>;

export const warningStatsEndpoints = {
  stats: defineEndpoint({
    method: 'GET',
    path: '/api/warning-stats',
    access: 'warning.read',
    summary: '叫应统计：按镇街、按岗位的应答率、应答时间中位数、升级次数（按年度汛期或一次预警）',
    query: ZWarningStatsQuerySchema,
    response: ZWarningStatsSchema,
  }),
  export: defineEndpoint({
    method: 'GET',
    path: '/api/warning-stats/export',
    access: 'warning.read',
    summary: '叫应统计导出 Excel',
    query: ZWarningStatsQuerySchema,
    response: FILE_RESPONSE,
  }),
};
