import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZHazardActionSchema,
  ZHazardCreateSchema,
  ZHazardDetailSchema,
  ZHazardItemSchema,
  ZHazardListQuerySchema,
  ZHazardPageSchema,
  ZHazardsFromFindingsSchema,
  ZIdParamsSchema,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { THazardExport } from './hazard-export';
import { hazardOrderDocx } from './hazard-order';
import type { THazardService } from './hazard.service';
import { contentDisposition } from '../../kit/ledger-export';

const ZIdParams = ZIdParamsSchema;
const ZCriterionSchema = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  standard: z.string().nullable(),
  groupName: z.string(),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = contentDisposition;

export function hazardRoutes(
  app: FastifyInstance,
  { db, hazards, exporter }: { db: Db; hazards: THazardService; exporter: THazardExport },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hazard'];

  r.get('/api/hazards', {
    config: { access: 'hazard.read' },
    schema: {
      tags,
      summary: '事故隐患台账（镇街、企业、状态、逾期、等级、类别、来源、专项行动、督办、日期、关键词；分页）',
      querystring: ZHazardListQuerySchema,
      response: { 200: ZHazardPageSchema },
    },
    handler: (request) => hazards.list(request.ctx, request.query),
  });

  r.get('/api/hazards/export.xlsx', {
    config: { access: 'hazard.read' },
    schema: {
      tags,
      summary: '导出筛选后的事故隐患台账（Excel）',
      querystring: ZHazardListQuerySchema.omit({ page: true, pageSize: true }),
    },
    handler: async (request, reply) => {
      const { stream, fileName } = await exporter.exportXlsx(request.ctx, request.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment('hazards.xlsx', fileName)).send(stream);
    },
  });

  r.post('/api/hazards', {
    config: { access: 'hazard.report' },
    schema: {
      tags,
      summary: '登记事故隐患（选择重大事故隐患判定标准条目即为重大隐患；企业用户上报本企业自查隐患）',
      body: ZHazardCreateSchema,
      response: { 201: ZHazardDetailSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await hazards.create(request.ctx, request.body)),
  });

  r.post('/api/hazards/from-findings', {
    config: { access: 'hazard.manage' },
    schema: {
      tags,
      summary: '将检查发现的问题一次转为事故隐患',
      body: ZHazardsFromFindingsSchema,
      response: { 201: z.object({ hazards: z.array(ZHazardItemSchema) }) },
    },
    handler: async (request, reply) => reply.status(201).send(await hazards.fromFindings(request.ctx, request.body)),
  });

  r.get('/api/hazards/:id', {
    config: { access: 'hazard.read' },
    schema: {
      tags,
      summary: '隐患详情：时间线、延期申请、专项行动、判定依据、当前用户可做的操作',
      params: ZIdParams,
      response: { 200: ZHazardDetailSchema },
    },
    handler: (request) => hazards.detail(request.ctx, request.params.id),
  });

  r.post('/api/hazards/:id/actions', {
    config: { access: 'hazard.rectify' },
    schema: {
      tags,
      summary: '隐患闭环操作：下达指令、开始整改、整改方案、提交材料、复查、延期申请与审批',
      params: ZIdParams,
      body: ZHazardActionSchema,
      response: { 200: ZHazardDetailSchema },
    },
    handler: (request) => hazards.act(request.ctx, request.params.id, request.body),
  });

  r.get('/api/hazards/:id/order.docx', {
    config: { access: 'hazard.read' },
    schema: { tags, summary: '责令限期整改指令书（Word 文档，下达整改指令后）', params: ZIdParams },
    handler: async (request, reply) => {
      const { buffer, fileName } = await hazardOrderDocx(db, request.ctx, request.params.id);
      return reply.header('content-type', DOCX).header('content-disposition', attachment('hazard-order.docx', fileName)).send(buffer);
    },
  });

  r.get('/api/inspections/:id/hazards', {
    config: { access: 'hazard.read' },
    schema: { tags, summary: '由该检查记录发现的问题转成的事故隐患', params: ZIdParams, response: { 200: z.array(ZHazardItemSchema) } },
    handler: (request) => hazards.ofInspection(request.ctx, request.params.id),
  });

  r.get('/api/hazard-criteria', {
    config: { access: 'hazard.read' },
    schema: { tags, summary: '重大事故隐患判定标准条目（选择即为重大隐患）', response: { 200: z.array(ZCriterionSchema) } },
    handler: (request) => hazards.criteria(request.ctx),
  });
}
