/** The catalogue's endpoints: inspection items (检查事项清单) and checklists (检查表). */
import { z } from 'zod';
import { defineEndpoint, FILE_RESPONSE, ZIdParamsSchema } from '../shared/contract';
import {
  ZChecklistCreateSchema,
  ZChecklistDetailSchema,
  ZChecklistItemsSchema,
  ZChecklistSchema,
  ZInspectionItemCreateSchema,
  ZInspectionItemListQuerySchema,
  ZInspectionItemSchema,
} from './catalogue.schema';

const tags = ['inspection'] as const;

export const catalogueEndpoints = {
  items: defineEndpoint({
    method: 'GET',
    path: '/api/inspection-items',
    access: 'inspection.read',
    summary: '检查事项清单（关键词、是否重大事故隐患、分组）',
    tags,
    query: ZInspectionItemListQuerySchema,
    response: z.array(ZInspectionItemSchema),
  }),
  exportItems: defineEndpoint({
    method: 'GET',
    path: '/api/inspection-items/export',
    access: 'inspection.read',
    summary: '导出检查事项清单（Excel）',
    tags,
    query: ZInspectionItemListQuerySchema,
    response: FILE_RESPONSE,
  }),
  createItem: defineEndpoint({
    method: 'POST',
    path: '/api/inspection-items',
    access: 'inspection.catalogue',
    summary: '新增本局检查事项（须有法律依据）',
    tags,
    body: ZInspectionItemCreateSchema,
    response: ZInspectionItemSchema,
    status: 201,
  }),
  checklists: defineEndpoint({
    method: 'GET',
    path: '/api/checklists',
    access: 'inspection.read',
    summary: '检查表',
    tags,
    response: z.array(ZChecklistSchema),
  }),
  createChecklist: defineEndpoint({
    method: 'POST',
    path: '/api/checklists',
    access: 'inspection.catalogue',
    summary: '新增检查表',
    tags,
    body: ZChecklistCreateSchema,
    response: ZChecklistDetailSchema,
    status: 201,
  }),
  checklist: defineEndpoint({
    method: 'GET',
    path: '/api/checklists/:id',
    access: 'inspection.read',
    summary: '检查表及其事项（按顺序）',
    tags,
    params: ZIdParamsSchema,
    response: ZChecklistDetailSchema,
  }),
  setChecklistItems: defineEndpoint({
    method: 'PUT',
    path: '/api/checklists/:id/items',
    access: 'inspection.catalogue',
    summary: '设置检查表的事项及顺序（增加、移除、排序）',
    tags,
    params: ZIdParamsSchema,
    body: ZChecklistItemsSchema,
    response: ZChecklistDetailSchema,
  }),
};
