/** The endpoints of the inspection reports: plan progress (计划执行进度), check frequency and statistics. */
import { z } from 'zod';
import { defineEndpoint, FILE_RESPONSE, idParams } from '../shared/contract';
import {
  ZFrequencyPageSchema,
  ZFrequencyQuerySchema,
  ZInspectionStatsSchema,
  ZPlanProgressSchema,
  ZProgressPlanSchema,
  ZStatsQuerySchema,
} from './stats.schema';

const tags = ['inspection'] as const;

/** `:id` of a plan, with the progress pages' own message. */
export const ZPlanIdParamsSchema = idParams('计划编号');

export const inspectionReportEndpoints = {
  plans: defineEndpoint({
    method: 'GET',
    path: '/api/inspection-progress/plans',
    access: 'inspection.read',
    summary: '可查看进度的检查计划（本级及上级下达到本辖区的）',
    tags,
    response: z.array(ZProgressPlanSchema),
  }),
  progress: defineEndpoint({
    method: 'GET',
    path: '/api/inspection-progress/plans/:id',
    access: 'inspection.read',
    summary: '计划执行进度：按镇街、按风险等级的完成情况与逾期目标',
    tags,
    params: ZPlanIdParamsSchema,
    response: ZPlanProgressSchema,
  }),
  frequency: defineEndpoint({
    method: 'GET',
    path: '/api/inspection-progress/plans/:id/frequency',
    access: 'inspection.read',
    summary: '检查频次：本年度低于最少次数或超过最多次数的企业',
    tags,
    params: ZPlanIdParamsSchema,
    query: ZFrequencyQuerySchema,
    response: ZFrequencyPageSchema,
  }),
  progressExport: defineEndpoint({
    method: 'GET',
    path: '/api/inspection-progress/plans/:id/export',
    access: 'inspection.read',
    summary: '导出计划执行进度（Excel）',
    tags,
    params: ZPlanIdParamsSchema,
    response: FILE_RESPONSE,
  }),
  stats: defineEndpoint({
    method: 'GET',
    path: '/api/inspection-stats',
    access: 'inspection.read',
    summary: '监督检查统计：按周期、镇街、检查方式的检查家次、企业数与隐患数',
    tags,
    query: ZStatsQuerySchema,
    response: ZInspectionStatsSchema,
  }),
  statsExport: defineEndpoint({
    method: 'GET',
    path: '/api/inspection-stats/export',
    access: 'inspection.read',
    summary: '导出监督检查统计（Excel）',
    tags,
    query: ZStatsQuerySchema,
    response: FILE_RESPONSE,
  }),
};
