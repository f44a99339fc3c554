import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZInspectionCreateSchema,
  ZInspectionDetailSchema,
  ZInspectionListQuerySchema,
  ZInspectionPageSchema,
  ZInspectionUpdateSchema,
  ZInspectorOptionSchema,
  ZPendingTargetSchema,
} from '@yingji/domain';
import type { TFindingService } from './finding.service';
import type { TInspectionRead } from './inspection.read';
import type { TInspectionService } from './inspection.service';

const ZIdParams = z.object({ id: z.coerce.number().int().positive('编号必须是正整数') });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZByKindSchema = z.object({ planned: z.number().int(), ad_hoc: z.number().int(), unannounced: z.number().int() });

export function inspectionRoutes(
  app: FastifyInstance,
  { inspections, read, findings }: { inspections: TInspectionService; read: TInspectionRead; findings: TFindingService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspection'];

  r.get('/api/inspections', {
    config: { access: 'inspection.read' },
    schema: {
      tags,
      summary: '监督检查记录（镇街、检查方式含四不两直、日期、企业关键词；分页；按方式计数）',
      querystring: ZInspectionListQuerySchema,
      response: { 200: ZInspectionPageSchema.extend({ byKind: ZByKindSchema }) },
    },
    handler: (request) => read.list(request.ctx, request.query),
  });

  r.get('/api/inspections/export', {
    config: { access: 'inspection.read' },
    schema: {
      tags,
      summary: '导出筛选后的监督检查记录（Excel）',
      querystring: ZInspectionListQuerySchema.omit({ page: true, pageSize: true }),
    },
    handler: async (request, reply) => {
      const { buffer, fileName } = await findings.exportInspections(request.ctx, request.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="inspections.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  });

  r.get('/api/inspections/pending-targets', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '本辖区已抽中、尚未检查的对象（双随机抽查从这里开始）', response: { 200: z.array(ZPendingTargetSchema) } },
    handler: (request) => read.pendingTargets(request.ctx),
  });

  r.get('/api/inspections/inspector-options', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '可选的执法人员（名录中在用的，含执法证有效期）', response: { 200: z.array(ZInspectorOptionSchema) } },
    handler: (request) => read.inspectorOptions(request.ctx),
  });

  r.get('/api/inspections/:id', {
    config: { access: 'inspection.read' },
    schema: {
      tags,
      summary: '检查记录详情：人员、逐项结果、签名、发现的问题',
      params: ZIdParams,
      response: { 200: ZInspectionDetailSchema },
    },
    handler: (request) => read.detail(request.ctx, request.params.id),
  });

  r.post('/api/inspections', {
    config: { access: 'inspection.record' },
    schema: {
      tags,
      summary: '新建检查记录（草稿）：双随机抽查、日常检查或四不两直',
      body: ZInspectionCreateSchema,
      response: { 201: ZInspectionDetailSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await inspections.create(request.ctx, request.body)),
  });

  r.patch('/api/inspections/:id', {
    config: { access: 'inspection.record' },
    schema: {
      tags,
      summary: '保存草稿：人员、逐项结果、照片、签名、结论',
      params: ZIdParams,
      body: ZInspectionUpdateSchema,
      response: { 200: ZInspectionDetailSchema },
    },
    handler: (request) => inspections.update(request.ctx, request.params.id, request.body),
  });

  r.post('/api/inspections/:id/submit', {
    config: { access: 'inspection.record' },
    schema: {
      tags,
      summary: '提交检查记录：检查完整性，不合格项转为发现的问题（一次事务）',
      params: ZIdParams,
      response: { 200: ZInspectionDetailSchema },
    },
    handler: (request) => inspections.submit(request.ctx, request.params.id),
  });

  r.post('/api/inspections/:id/publish', {
    config: { access: 'inspection.record' },
    schema: {
      tags,
      summary: '公示检查结果（一公开）：双随机公示页显示检查日期、结论和发现问题数',
      params: ZIdParams,
      response: { 200: ZInspectionDetailSchema },
    },
    handler: (request) => inspections.publish(request.ctx, request.params.id),
  });
}
