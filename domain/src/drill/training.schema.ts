/**
 * Training sessions' shapes (培训): the session with its head counts, attendance lists and their Excel import,
 * the training list and its totals.
 */
import '../shared/zod-locale';
import { z } from 'zod';
import { day, text, count, town, page } from './drill.fields';
import { ATTENDANCE_FIELDS, TRAINING_KINDS } from './training.rules';

export const ZTrainingCountsSchema = z.object({
  officers: count('执法人员人数').default(0),
  principals: count('主要负责人人数').default(0),
  safetyManagers: count('安全管理人员人数').default(0),
  sanfangStaff: count('三防工作人员人数').default(0),
  publicPeople: count('群众及一线员工人数').default(0),
  passed: count('考核合格人数').nullable().default(null),
});

export const ZTrainingInputSchema = ZTrainingCountsSchema.extend({
  topic: text('培训主题', 2, 100),
  kind: z.enum(TRAINING_KINDS, { error: '培训类别不正确' }),
  mode: z.enum(['onsite', 'online'], { error: '培训方式应为线下或线上' }).default('onsite'),
  organiser: text('组织单位', 2, 100),
  heldOn: day('培训日期'),
  days: z.number().int('培训天数必须是整数').min(1, '培训天数至少 1 天').max(60, '培训天数最多 60 天').default(1),
  divisionCode: town.optional(),
  status: z.enum(['planned', 'done'], { error: '培训状态不正确' }).default('done'),
});
export type TTrainingInput = z.input<typeof ZTrainingInputSchema>;

export const ZTrainingItemSchema = z.object({
  id: z.number(),
  topic: z.string(),
  kind: z.enum(TRAINING_KINDS),
  mode: z.enum(['onsite', 'online']),
  organiser: z.string(),
  heldOn: z.string(),
  days: z.number(),
  divisionCode: z.string(),
  townName: z.string().nullable(),
  status: z.enum(['planned', 'done']),
  officers: z.number(),
  principals: z.number(),
  safetyManagers: z.number(),
  sanfangStaff: z.number(),
  publicPeople: z.number(),
  participants: z.number(),
  passed: z.number().nullable(),
  attendees: z.number(),
});
export type TTrainingItem = z.infer<typeof ZTrainingItemSchema>;

export const ZAttendeeSchema = z.object({ name: z.string(), unit: z.string(), category: z.string(), passed: z.boolean().nullable() });
export const ZTrainingDetailSchema = ZTrainingItemSchema.extend({ attendeeList: z.array(ZAttendeeSchema) });

export const ZTrainingListQuerySchema = z.object({
  from: day('开始日期').optional(),
  to: day('结束日期').optional(),
  kind: z.enum(TRAINING_KINDS).optional(),
  ...page,
});

export const ZTrainingTotalsQuerySchema = z.object({
  from: day('开始日期').optional(),
  to: day('结束日期').optional(),
  by: z.enum(['kind', 'year', 'mode'], { error: '分组方式不正确' }).default('kind'),
});
const ZTotalsRow = z.object({
  key: z.string(),
  label: z.string(),
  sessions: z.number(),
  participants: z.number(),
  passed: z.number(),
  officers: z.number(),
  principals: z.number(),
  safetyManagers: z.number(),
  sanfangStaff: z.number(),
  publicPeople: z.number(),
});
export const ZTrainingTotalsSchema = z.object({ rows: z.array(ZTotalsRow), total: ZTotalsRow });
export type TTrainingTotals = z.infer<typeof ZTrainingTotalsSchema>;

export const ZAttendanceMappingSchema = z.partialRecord(z.enum(ATTENDANCE_FIELDS), z.string().trim().min(1).max(100));
export const ZAttendanceImportQuerySchema = z.object({
  fileName: z.string().trim().min(1, '缺少文件名').max(200),
  /** JSON of { field: header } when the sheet's headers are not the usual ones. */
  mapping: z.string().max(2000).optional(),
});
export const ZAttendanceImportResultSchema = z.object({
  imported: z.number(),
  skipped: z.array(z.object({ row: z.number(), reason: z.string() })),
  columns: z.record(z.string(), z.string()),
});
