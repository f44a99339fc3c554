import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZChecklistCreateSchema,
  ZChecklistDetailSchema,
  ZChecklistItemsSchema,
  ZChecklistSchema,
  ZInspectionItemCreateSchema,
  ZInspectionItemListQuerySchema,
  ZInspectionItemSchema,
} from '@yingji/domain';
import type { TCatalogueService } from './catalogue.service';

const ZIdParams = z.object({ id: z.coerce.number().int().positive('编号必须是正整数') });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function catalogueRoutes(
  app: FastifyInstance,
  {
    catalogue,
    exportXlsx,
  }: {
    catalogue: TCatalogueService;
    exportXlsx: (
      ctx: Parameters<TCatalogueService['listItems']>[0],
      q: z.infer<typeof ZInspectionItemListQuerySchema>,
    ) => Promise<{ buffer: Buffer; fileName: string }>;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspection'];

  r.get('/api/inspection-items', {
    config: { access: 'inspection.read' },
    schema: {
      tags,
      summary: '检查事项清单（关键词、是否重大事故隐患、分组）',
      querystring: ZInspectionItemListQuerySchema,
      response: { 200: z.array(ZInspectionItemSchema) },
    },
    handler: (request) => catalogue.listItems(request.ctx, request.query),
  });

  r.get('/api/inspection-items/export', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '导出检查事项清单（Excel）', querystring: ZInspectionItemListQuerySchema },
    handler: async (request, reply) => {
      const { buffer, fileName } = await exportXlsx(request.ctx, request.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="inspection-items.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  });

  r.post('/api/inspection-items', {
    config: { access: 'inspection.catalogue' },
    schema: {
      tags,
      summary: '新增本局检查事项（须有法律依据）',
      body: ZInspectionItemCreateSchema,
      response: { 201: ZInspectionItemSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await catalogue.createItem(request.ctx, request.body)),
  });

  r.get('/api/checklists', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '检查表', response: { 200: z.array(ZChecklistSchema) } },
    handler: (request) => catalogue.listChecklists(request.ctx),
  });

  r.post('/api/checklists', {
    config: { access: 'inspection.catalogue' },
    schema: { tags, summary: '新增检查表', body: ZChecklistCreateSchema, response: { 201: ZChecklistDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await catalogue.createChecklist(request.ctx, request.body)),
  });

  r.get('/api/checklists/:id', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '检查表及其事项（按顺序）', params: ZIdParams, response: { 200: ZChecklistDetailSchema } },
    handler: (request) => catalogue.checklistDetail(request.ctx, request.params.id),
  });

  r.put('/api/checklists/:id/items', {
    config: { access: 'inspection.catalogue' },
    schema: {
      tags,
      summary: '设置检查表的事项及顺序（增加、移除、排序）',
      params: ZIdParams,
      body: ZChecklistItemsSchema,
      response: { 200: ZChecklistDetailSchema },
    },
    handler: (request) => catalogue.setChecklistItems(request.ctx, request.params.id, request.body.itemIds),
  });
}
