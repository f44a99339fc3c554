/**
 * Roll-up counts: hazards, inspections and cases counted by state, by town or by month for a period of whole months,
 * in one request, answered from the roll-up table (never by scanning the records).
 */
import '../shared/zod-locale';
import { z } from 'zod';
import { defineEndpoint } from '../shared/contract';

const month = (label: string) => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}格式应为 YYYY-MM`);

export const ROLLUP_SUBJECTS = ['hazards', 'inspections', 'cases'] as const;
export type TRollupSubject = (typeof ROLLUP_SUBJECTS)[number];

export const ZRollupCountsQuerySchema = z
  .object({
    by: z.enum(['state', 'town', 'month'], { error: '分组应为 state（状态）、town（镇街）或 month（月份）' }).default('state'),
    /** First and last month of the period, inclusive (a hazard by its found month, an inspection by its check, a case by its filing). */
    from: month('开始月份'),
    to: month('结束月份'),
    /** One division inside the user's scope (a town, or the city). */
    divisionCode: z
      .string()
      .regex(/^\d{2,9}$/, '区划代码不正确')
      .optional(),
  })
  .refine((q) => q.from <= q.to, { message: '开始月份不能晚于结束月份', path: ['from'] })
  .refine(
    (q) => Number(q.to.slice(0, 4)) * 12 + Number(q.to.slice(5)) - (Number(q.from.slice(0, 4)) * 12 + Number(q.from.slice(5))) < 120,
    {
      message: '期间不能超过 10 年',
      path: ['to'],
    },
  );
export type TRollupCountsQuery = z.infer<typeof ZRollupCountsQuerySchema>;

export const ZRollupCountRowSchema = z.object({
  /** A state code (`closed`, `submitted`, `pending_filing` …), a division code or a month `YYYY-MM`. */
  key: z.string(),
  /** The town's (or city's) name when grouped by town. */
  name: z.string().nullable(),
  count: z.number().int(),
});
export type TRollupCountRow = z.infer<typeof ZRollupCountRowSchema>;

export const ZRollupSubjectCountsSchema = z.object({ total: z.number().int(), items: z.array(ZRollupCountRowSchema) });

export const ZRollupCountsSchema = z.object({
  by: z.enum(['state', 'town', 'month']),
  /** By town: the towns, or for a provincial reader (no city chosen) the cities, the province's next level. */
  level: z.enum(['town', 'city']).optional(),
  from: z.string(),
  to: z.string(),
  /** Each subject the user may read (hazard.stats, inspection.read, case.read); null when not. */
  hazards: ZRollupSubjectCountsSchema.nullable(),
  inspections: ZRollupSubjectCountsSchema.nullable(),
  cases: ZRollupSubjectCountsSchema.nullable(),
});
export type TRollupCounts = z.infer<typeof ZRollupCountsSchema>;

export const rollupEndpoints = {
  counts: defineEndpoint({
    method: 'GET',
    path: '/api/rollups/counts',
    // Each subject is given only to a role holding its own permission; a role holding none is refused.
    access: 'authenticated',
    summary: '隐患、检查、案件按状态、镇街或月份的期间计数（一次请求，读汇总表）',
    tags: ['rollup'],
    query: ZRollupCountsQuerySchema,
    response: ZRollupCountsSchema,
  }),
};
