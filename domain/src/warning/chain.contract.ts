import { z } from 'zod';
import { defineEndpoint, idParams, ZIdParamsSchema } from '../shared/contract';

const phone = z.string({ error: '请填写手机号' }).regex(/^1\d{10}$/, '手机号应为 11 位数字，以 1 开头');

export const ZPostSchema = z.object({
  id: z.number(),
  divisionCode: z.string(),
  townName: z.string(),
  villageCode: z.string().nullable(),
  villageName: z.string().nullable(),
  level: z.enum(['city', 'town', 'village']),
  title: z.string(),
  townLeader: z.boolean(),
  superiorId: z.number().nullable(),
  superiorTitle: z.string().nullable(),
  holders: z.array(z.object({ id: z.number(), name: z.string(), phone: z.string(), userId: z.number().nullable() })),
});
export type TPost = z.infer<typeof ZPostSchema>;

export const ZPostInputSchema = z.object({
  divisionCode: z.string().regex(/^\d{4}(\d{5})?$/, '区划代码应为市（4 位）或镇街（9 位）'),
  villageName: z.string().trim().max(40, '村居名称过长').nullable().default(null),
  title: z.string({ error: '请填写岗位名称' }).trim().min(2, '岗位名称至少 2 个字').max(40, '岗位名称过长'),
  townLeader: z.boolean().default(false),
  superiorId: z.number().int().positive().nullable().default(null),
});

export const ZHolderInputSchema = z.object({
  name: z.string({ error: '请填写姓名' }).trim().min(2, '姓名至少 2 个字').max(20, '姓名过长'),
  phone,
  userId: z.number().int().positive().nullable().default(null),
});

export const ZChainQuerySchema = z.object({
  town: z
    .string()
    .regex(/^\d{9}$/, '镇街代码必须是 9 位数字')
    .optional(),
  unheld: z.enum(['1']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(50),
});

export const ZChainImportResultSchema = z.object({
  villages: z.number(),
  posts: z.number(),
  holders: z.number(),
  problems: z.array(z.object({ row: z.number(), message: z.string() })),
});

export const chainEndpoints = {
  posts: defineEndpoint({
    method: 'GET',
    path: '/api/warning-chain/posts',
    access: 'warning.read',
    summary: '叫应链条：市、镇街、村居岗位及在岗人员',
    query: ZChainQuerySchema,
    response: z.object({ items: z.array(ZPostSchema), total: z.number(), unheld: z.number() }),
  }),
  createPost: defineEndpoint({
    method: 'POST',
    path: '/api/warning-chain/posts',
    access: 'warning.chain',
    summary: '新增岗位',
    body: ZPostInputSchema,
    status: 201,
    response: ZPostSchema,
  }),
  addHolder: defineEndpoint({
    method: 'POST',
    path: '/api/warning-chain/posts/:id/holders',
    access: 'warning.chain',
    summary: '为岗位增加在岗人员',
    params: ZIdParamsSchema,
    body: ZHolderInputSchema,
    response: ZPostSchema,
  }),
  removeHolder: defineEndpoint({
    method: 'POST',
    path: '/api/warning-chain/holders/:id/remove',
    access: 'warning.chain',
    summary: '撤下在岗人员',
    params: idParams('人员编号'),
    response: ZPostSchema,
  }),
  import: defineEndpoint({
    method: 'POST',
    path: '/api/warning-chain/import',
    access: 'warning.chain',
    summary: '从 Excel 导入村居岗位及在岗人员（镇街、村居、岗位、姓名、手机号）',
    bodyLimit: 5 * 1024 * 1024,
    query: z.object({ fileName: z.string().trim().min(1, '缺少文件名').max(200) }),
    response: ZChainImportResultSchema,
  }),
};
