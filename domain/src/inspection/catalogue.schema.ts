import '../shared/zod-locale';
import { z } from 'zod';
import { CATEGORY_CODES, TAG_CODES } from '../enterprise/enterprise.schema';

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}必须填写` })
    .trim()
    .min(1, `${label}必须填写`)
    .max(max, `${label}最多 ${max} 个字符`);

export const ZInspectionItemSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  content: z.string(),
  legalBasis: z.string(),
  standard: z.string().nullable(),
  groupName: z.string(),
  categories: z.array(z.string()),
  tags: z.array(z.string()),
  majorHazard: z.boolean(),
  active: z.boolean(),
});
export type TInspectionItem = z.infer<typeof ZInspectionItemSchema>;

export const ZInspectionItemListQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  majorHazard: z.enum(['true', 'false']).optional(),
  groupName: z.string().trim().max(50).optional(),
});
export type TInspectionItemListQuery = z.infer<typeof ZInspectionItemListQuerySchema>;

/** A bureau's own item: what to check and the legal basis it rests on. */
export const ZInspectionItemCreateSchema = z.object({
  code: z
    .string({ error: '事项编码必须填写' })
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,29}$/, '事项编码只能用大写字母、数字和连字符（2–30 位）'),
  title: text('检查事项名称', 100),
  content: text('检查内容', 1000),
  legalBasis: text('法律依据', 500),
  standard: z.string().trim().max(200).nullable().optional(),
  groupName: text('分组', 50),
  categories: z
    .array(z.enum(CATEGORY_CODES, { error: '监管类别不正确' }))
    .max(20)
    .default([]),
  tags: z
    .array(z.enum(TAG_CODES, { error: '特殊标签不正确' }))
    .max(10)
    .default([]),
  majorHazard: z.boolean({ error: '请选择是否属于重大事故隐患' }).default(false),
});
export type TInspectionItemCreate = z.infer<typeof ZInspectionItemCreateSchema>;

export const ZChecklistSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  supervisionCategory: z.string().nullable(),
  tag: z.string().nullable(),
  active: z.boolean(),
  itemCount: z.number().int(),
  updatedAt: z.string(),
});
export type TChecklist = z.infer<typeof ZChecklistSchema>;

export const ZChecklistDetailSchema = ZChecklistSchema.extend({ items: z.array(ZInspectionItemSchema) });
export type TChecklistDetail = z.infer<typeof ZChecklistDetailSchema>;

export const ZChecklistCreateSchema = z.object({
  code: z
    .string({ error: '检查表编码必须填写' })
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,29}$/, '检查表编码只能用大写字母、数字和连字符（2–30 位）'),
  name: text('检查表名称', 100),
  supervisionCategory: z.enum(CATEGORY_CODES, { error: '监管类别不正确' }).nullable().optional(),
  tag: z.enum(TAG_CODES, { error: '特殊标签不正确' }).nullable().optional(),
});
export type TChecklistCreate = z.infer<typeof ZChecklistCreateSchema>;

/** The checklist's items in order: adding, removing and reordering are one replacement. */
export const ZChecklistItemsSchema = z.object({
  itemIds: z
    .array(z.number({ error: '检查事项编号必须是数字' }).int().positive(), { error: '请选择检查事项' })
    .min(1, '检查表至少要有 1 个检查事项')
    .max(300, '检查表最多 300 个检查事项')
    .refine((ids) => new Set(ids).size === ids.length, '检查事项不能重复'),
});
export type TChecklistItems = z.infer<typeof ZChecklistItemsSchema>;
