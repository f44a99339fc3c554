import { z } from 'zod';
import { defineEndpoint } from '../shared/contract';

/** One search across the modules: each module answers from its own list, in the asker's permissions and scope. */
export const ZSearchQuerySchema = z.object({
  q: z.string({ error: '请输入要搜索的内容' }).trim().min(1, '请输入要搜索的内容').max(50, '搜索内容最多 50 个字'),
});
export type TSearchQuery = z.infer<typeof ZSearchQuerySchema>;

export const ZSearchHitSchema = z.object({
  title: z.string(),
  /** One line of what it is: the firm, the town, the state. */
  subtitle: z.string().nullable(),
  /** The web address of the record. */
  href: z.string(),
});
export type TSearchHit = z.infer<typeof ZSearchHitSchema>;

export const ZSearchGroupSchema = z.object({
  /** `enterprise`, `hazard` …: the provider's key. */
  key: z.string(),
  module: z.string(),
  /** Chinese name of what was found, `企业`. */
  title: z.string(),
  hits: z.array(ZSearchHitSchema),
  /** How many records match in all; the hits are the first few. */
  total: z.number().int().nonnegative(),
  /** The module's list filtered by the same words. */
  moreHref: z.string(),
});
export type TSearchGroup = z.infer<typeof ZSearchGroupSchema>;

export const ZSearchResultSchema = z.object({ q: z.string(), groups: z.array(ZSearchGroupSchema) });
export type TSearchResult = z.infer<typeof ZSearchResultSchema>;

export const searchEndpoints = {
  search: defineEndpoint({
    method: 'GET',
    path: '/api/search',
    access: 'authenticated',
    summary: '全局搜索：企业、隐患、案件、事故等，各模块在当前用户的权限和辖区内作答',
    tags: ['workbench'],
    query: ZSearchQuerySchema,
    response: ZSearchResultSchema,
  }),
};
