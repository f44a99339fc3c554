import '../shared/zod-locale';
import { z } from 'zod';

const date = (label: string) => z.iso.date(`${label}格式应为 YYYY-MM-DD`);

/** The hazard dashboard: open, overdue, closed in the period and major open, by town or by category. */
export const ZHazardDashboardQuerySchema = z.object({
  divisionCode: z
    .string()
    .regex(/^\d{2,9}$/, '区划代码不正确')
    .optional(),
  by: z.enum(['town', 'category'], { error: '分组应为 town（镇街）或 category（类别）' }).default('town'),
  /** The period of "closed" and "found" (inclusive; default: this month). */
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
});
export type THazardDashboardQuery = z.infer<typeof ZHazardDashboardQuerySchema>;

export const ZHazardDashboardRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  open: z.number(),
  overdue: z.number(),
  majorOpen: z.number(),
  foundInPeriod: z.number(),
  closedInPeriod: z.number(),
});
export const ZHazardDashboardSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** By town: the towns, or for a provincial reader (no city chosen) the cities, the province's next level. */
  level: z.enum(['town', 'city']).optional(),
  rows: z.array(ZHazardDashboardRowSchema),
  total: ZHazardDashboardRowSchema,
});
export type THazardDashboard = z.infer<typeof ZHazardDashboardSchema>;

/** 动态清零: major hazards open at each month's end, found and closed in the month. */
export const ZHazardClearingQuerySchema = z.object({
  divisionCode: z
    .string()
    .regex(/^\d{2,9}$/, '区划代码不正确')
    .optional(),
  months: z.coerce.number().int().min(1).max(60).default(24),
});
export const ZHazardClearingSchema = z.object({
  points: z.array(z.object({ month: z.string(), openAtEnd: z.number(), found: z.number(), closed: z.number() })),
  openNow: z.number(),
});
export type THazardClearing = z.infer<typeof ZHazardClearingSchema>;

/** The self-found share (企业自查自报占比) by town for a period; the seed's three-year figure is 1,030 of 3,002 (34.3 %). */
export const ZHazardSelfFoundQuerySchema = z.object({
  divisionCode: z
    .string()
    .regex(/^\d{2,9}$/, '区划代码不正确')
    .optional(),
  level: z.enum(['general', 'major']).optional(),
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
});
export const ZHazardSelfFoundSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(z.object({ key: z.string(), label: z.string(), total: z.number(), selfFound: z.number(), share: z.number() })),
  total: z.object({ total: z.number(), selfFound: z.number(), share: z.number() }),
});
export type THazardSelfFound = z.infer<typeof ZHazardSelfFoundSchema>;

export const ZHazardMapPointSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  description: z.string(),
  longitude: z.number(),
  latitude: z.number(),
  townName: z.string().nullable(),
  deadline: z.string(),
  overdue: z.boolean(),
  supervised: z.boolean(),
});
export type THazardMapPoint = z.infer<typeof ZHazardMapPointSchema>;
