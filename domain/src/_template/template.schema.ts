/**
 * TEMPLATE — copy this folder to domain/src/<module>/ and rename `template` everywhere. The contracts of a module:
 * zod schemas for every input and output (Chinese messages naming the field), and one `defineEndpoint` per route.
 * The server mounts them, the web calls them: neither writes the shapes again.
 */
import { z } from 'zod';
import { defineEndpoint } from '../shared/contract';

export const ZTemplateTownSchema = z.object({ code: z.string(), name: z.string() });
export type TTemplateTown = z.infer<typeof ZTemplateTownSchema>;

export const ZTemplateTownParamsSchema = z.object({
  code: z.string().regex(/^\d{9}$/, '镇街代码必须是 9 位数字'),
});

export const templateEndpoints = {
  towns: defineEndpoint({
    method: 'GET',
    path: '/api/template/towns',
    // A new module adds its own permissions to POLICY (domain/src/org/org.policy.ts) and uses them here.
    access: 'division.read',
    summary: '模板：本人管辖范围内的镇街',
    response: z.object({ items: z.array(ZTemplateTownSchema) }),
  }),
  town: defineEndpoint({
    method: 'GET',
    path: '/api/template/towns/:code',
    access: 'division.read',
    summary: '模板：一个镇街（管辖范围外的与不存在的一样答 404）',
    params: ZTemplateTownParamsSchema,
    response: ZTemplateTownSchema,
  }),
};
