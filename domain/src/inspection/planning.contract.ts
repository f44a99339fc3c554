/** The endpoints of annual inspection plans (年度监督检查计划) and their double-random draws (双随机抽取). */
import { z } from 'zod';
import { defineEndpoint, ZIdParamsSchema } from '../shared/contract';
import {
  ZDrawCommitSchema,
  ZDrawDetailSchema,
  ZDrawInputsSchema,
  ZDrawSchema,
  ZDrawCorrectionSchema,
  ZRedrawSchema,
  ZVerifyResultSchema,
} from './draw.schema';
import { ZPlanCreateSchema, ZPlanDetailSchema, ZPlanListQuerySchema, ZPlanPageSchema, ZPlanSchema, ZPlanUpdateSchema } from './plan.schema';

const tags = ['inspection'] as const;

/** A page of a draw's targets. */
export const ZDrawPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const planEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/inspection-plans',
    access: 'inspection.read',
    summary: '年度监督检查计划（本单位）',
    tags,
    query: ZPlanListQuerySchema,
    response: ZPlanPageSchema,
  }),
  detail: defineEndpoint({
    method: 'GET',
    path: '/api/inspection-plans/:id',
    access: 'inspection.read',
    summary: '计划详情：各等级名录数、按比例的检查户次、与频次设置的对照',
    tags,
    params: ZIdParamsSchema,
    response: ZPlanDetailSchema,
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/inspection-plans',
    access: 'inspection.plan',
    summary: '起草年度检查计划',
    tags,
    body: ZPlanCreateSchema,
    response: ZPlanSchema,
    status: 201,
  }),
  update: defineEndpoint({
    method: 'PATCH',
    path: '/api/inspection-plans/:id',
    access: 'inspection.plan',
    summary: '修改草稿计划',
    tags,
    params: ZIdParamsSchema,
    body: ZPlanUpdateSchema,
    response: ZPlanSchema,
  }),
  approve: defineEndpoint({
    method: 'POST',
    path: '/api/inspection-plans/:id/approve',
    access: 'inspection.plan',
    summary: '审批计划（须由起草人以外的人员）',
    tags,
    params: ZIdParamsSchema,
    response: ZPlanSchema,
  }),
};

export const drawEndpoints = {
  ofPlan: defineEndpoint({
    method: 'GET',
    path: '/api/inspection-plans/:id/draws',
    access: 'inspection.read',
    summary: '计划的抽取批次（含已作废的）',
    tags,
    params: ZIdParamsSchema,
    response: z.array(ZDrawSchema),
  }),
  commit: defineEndpoint({
    method: 'POST',
    path: '/api/inspection-plans/:id/draws',
    access: 'inspection.plan',
    summary: '第一步 生成承诺：冻结候选企业与执法人员名录，公布种子的 SHA-256 与名录哈希',
    tags,
    params: ZIdParamsSchema,
    body: ZDrawCommitSchema,
    response: ZDrawSchema,
    status: 201,
  }),
  detail: defineEndpoint({
    method: 'GET',
    path: '/api/draws/:id',
    access: 'inspection.read',
    summary: '抽取详情与抽中企业（分页）',
    tags,
    params: ZIdParamsSchema,
    query: ZDrawPageQuerySchema,
    response: ZDrawDetailSchema,
  }),
  execute: defineEndpoint({
    method: 'POST',
    path: '/api/draws/:id/execute',
    access: 'inspection.plan',
    summary: '第二步 执行抽取：按冻结的名录抽取企业和执法人员，公开种子',
    tags,
    params: ZIdParamsSchema,
    response: ZDrawSchema,
  }),
  publish: defineEndpoint({
    method: 'POST',
    path: '/api/draws/:id/publish',
    access: 'inspection.plan',
    summary: '向社会公开抽取结果',
    tags,
    params: ZIdParamsSchema,
    response: ZDrawSchema,
  }),
  redraw: defineEndpoint({
    method: 'POST',
    path: '/api/draws/:id/redraw',
    access: 'inspection.plan',
    summary: '重新抽取（须填写原因；原抽取作废但保留；已公开的抽取不能重新抽取）',
    tags,
    params: ZIdParamsSchema,
    body: ZRedrawSchema,
    response: ZDrawSchema,
    status: 201,
  }),
  correct: defineEndpoint({
    method: 'POST',
    path: '/api/draws/:id/correct',
    access: 'inspection.plan',
    summary: '更正已公开的抽取（须填写原因；生成与原抽取关联的新抽取，原抽取继续有效）',
    tags,
    params: ZIdParamsSchema,
    body: ZDrawCorrectionSchema,
    response: ZDrawSchema,
    status: 201,
  }),
  inputs: defineEndpoint({
    method: 'GET',
    path: '/api/draws/:id/inputs',
    access: 'inspection.read',
    summary: '冻结的抽取输入（JSON，可自行复算）',
    tags,
    params: ZIdParamsSchema,
    response: ZDrawInputsSchema,
  }),
  verify: defineEndpoint({
    method: 'GET',
    path: '/api/draws/:id/verify',
    access: 'inspection.read',
    summary: '服务器端复算验证',
    tags,
    params: ZIdParamsSchema,
    response: ZVerifyResultSchema,
  }),
};
