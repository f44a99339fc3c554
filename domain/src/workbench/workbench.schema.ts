import { z } from 'zod';
import { defineEndpoint } from '../shared/contract';

/** Where an item stands on the workbench: my to-dos, what waits for my approval, figures to keep an eye on. */
export const WORKBENCH_GROUPS = ['approval', 'todo', 'watch'] as const;
export const WORKBENCH_GROUP_LABELS: Record<(typeof WORKBENCH_GROUPS)[number], string> = {
  approval: '待我审批',
  todo: '待办',
  watch: '关注',
};
export const WORKBENCH_SEVERITIES = ['danger', 'warning', 'info'] as const;

export const ZWorkbenchItemSchema = z.object({
  /** Stable key, `hazard.overdue`. */
  key: z.string(),
  module: z.string(),
  group: z.enum(WORKBENCH_GROUPS),
  severity: z.enum(WORKBENCH_SEVERITIES),
  /** Chinese title, `逾期未整改的隐患`. */
  title: z.string(),
  /** What the count means, one short line. */
  hint: z.string().nullable(),
  count: z.number().int().nonnegative(),
  /** The web address of the filtered list that makes up the count. */
  href: z.string(),
});
export type TWorkbenchItem = z.infer<typeof ZWorkbenchItemSchema>;

export const ZWorkbenchSchema = z.object({
  /** Items with a count above zero first, approvals, then to-dos, then figures. */
  items: z.array(ZWorkbenchItemSchema),
  generatedAt: z.string(),
});
export type TWorkbench = z.infer<typeof ZWorkbenchSchema>;

export const workbenchEndpoints = {
  get: defineEndpoint({
    method: 'GET',
    path: '/api/workbench',
    access: 'authenticated',
    summary: '工作台：当前用户的待办、待审批和关注事项（各模块提供，计数来自索引查询）',
    tags: ['workbench'],
    response: ZWorkbenchSchema,
  }),
};
