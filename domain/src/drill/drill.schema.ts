/**
 * Drills' shapes: a drill with its phases, its record and findings, review (复盘) tasks, the drill list and
 * statistics, and the drill-and-training calendar.
 */
import '../shared/zod-locale';
import { z } from 'zod';
import { day, instant, text, count, town, sha, units, page } from './drill.fields';
import { ZEmergencyPlanKindSchema } from './plan.schema';
import { DRILL_FORMS, DRILL_NOTICES, DRILL_STATUSES, TASK_STATES } from './drill.rules';

export const ZPhaseSchema = z.object({
  name: text('环节名称', 2, 50),
  plannedStart: instant('计划开始时间').nullable().default(null),
  plannedEnd: instant('计划结束时间').nullable().default(null),
  actualStart: instant('实际开始时间').nullable().default(null),
  actualEnd: instant('实际结束时间').nullable().default(null),
});

export const ZDrillInputSchema = z.object({
  title: text('演练名称', 4, 100),
  planId: z.number({ error: '请选择演练的预案' }).int().positive('预案编号不正确'),
  status: z.enum(['planned', 'done'], { error: '演练状态不正确' }).default('done'),
  plannedOn: day('计划日期'),
  heldOn: day('实施日期').nullable().default(null),
  form: z.enum(DRILL_FORMS, { error: '演练形式应为实战、桌面或综合' }),
  notice: z.enum(DRILL_NOTICES, { error: '通知方式应为预先通知、单盲或双盲' }).default('announced'),
  divisionCode: town.optional(),
  organiser: text('组织单位', 2, 100),
  participants: units('参演单位').default([]),
  observers: units('观摩单位').default([]),
  observerCount: count('观摩人数').default(0),
  participantCount: count('参演人数').default(0),
  jointMilitary: z.boolean().default(false),
  selfRun: z.boolean().default(true),
  costFen: z
    .number({ error: '演练费用必须填写' })
    .int('演练费用以分计，必须是整数')
    .min(0, '演练费用不能为负数')
    .max(10_000_000_000, '演练费用过大')
    .default(0),
  phases: z.array(ZPhaseSchema).max(30, '环节最多 30 个').default([]),
  photos: z.array(sha).max(50, '照片最多 50 张').default([]),
  videoRefs: z
    .array(text('视频地址', 2, 300))
    .max(20)
    .default([]),
  summary: z.string().trim().max(2000, '演练小结最多 2000 个字').default(''),
});
export type TDrillInput = z.input<typeof ZDrillInputSchema>;

export const ZDrillRecordSchema = ZDrillInputSchema.pick({
  heldOn: true,
  form: true,
  notice: true,
  participants: true,
  observers: true,
  observerCount: true,
  participantCount: true,
  selfRun: true,
  costFen: true,
  phases: true,
  photos: true,
  videoRefs: true,
  summary: true,
}).extend({ heldOn: day('实施日期') });

export const ZDrillFindingInputSchema = z.object({
  phase: text('环节', 1, 50),
  finding: text('问题描述', 4, 500),
  unit: text('责任单位', 2, 100),
  ownerId: z.number({ error: '请选择整改责任人' }).int().positive('整改责任人不正确'),
  deadline: day('整改期限'),
});

export const ZTaskSchema = z.object({
  id: z.number(),
  drillId: z.number(),
  drillTitle: z.string(),
  phase: z.string(),
  finding: z.string(),
  unit: z.string(),
  ownerId: z.number(),
  ownerName: z.string(),
  deadline: z.string(),
  state: z.enum(TASK_STATES),
  overdue: z.boolean(),
  evidence: z.string().nullable(),
  evidenceFiles: z.array(z.string()),
  completedAt: z.string().nullable(),
  signedOffBy: z.string().nullable(),
  signedOffAt: z.string().nullable(),
  note: z.string().nullable(),
  /** What the viewer may do to it, so the page hides buttons without copying rules. */
  can: z.object({ complete: z.boolean(), signOff: z.boolean() }),
});
export type TTask = z.infer<typeof ZTaskSchema>;

export const ZDrillItemSchema = z.object({
  id: z.number(),
  title: z.string(),
  planId: z.number(),
  planName: z.string(),
  planKind: ZEmergencyPlanKindSchema,
  divisionCode: z.string(),
  townName: z.string().nullable(),
  status: z.enum(DRILL_STATUSES),
  plannedOn: z.string(),
  heldOn: z.string().nullable(),
  form: z.enum(DRILL_FORMS),
  notice: z.enum(DRILL_NOTICES),
  organiser: z.string(),
  jointMilitary: z.boolean(),
  selfRun: z.boolean(),
  openTasks: z.number(),
});
export type TDrillItem = z.infer<typeof ZDrillItemSchema>;

export const ZDrillDetailSchema = ZDrillItemSchema.extend({
  /** The reader is outside the drill's scope and sees it as the owner of one of its review tasks: nothing to change. */
  readOnly: z.boolean(),
  participants: z.array(z.string()),
  observers: z.array(z.string()),
  observerCount: z.number(),
  participantCount: z.number(),
  costFen: z.number(),
  phases: z.array(ZPhaseSchema.extend({ overrunMinutes: z.number().nullable() })),
  photos: z.array(z.string()),
  videoRefs: z.array(z.string()),
  summary: z.string(),
  tasks: z.array(ZTaskSchema),
  revisions: z.array(z.object({ planId: z.number(), planName: z.string(), no: z.number(), revisedOn: z.string(), note: z.string() })),
});
export type TDrillDetail = z.infer<typeof ZDrillDetailSchema>;

export const ZDrillListQuerySchema = z.object({
  year: z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确').optional(),
  status: z.enum(DRILL_STATUSES).optional(),
  form: z.enum(DRILL_FORMS).optional(),
  planId: z.coerce.number().int().positive().optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,9}$/, '区划代码不正确')
    .optional(),
  jointMilitary: z.enum(['true', 'false']).optional(),
  ...page,
});

export const ZDrillStatsSchema = z.object({
  year: z.number(),
  held: z.number(),
  planned: z.number(),
  blind: z.number(),
  selfRun: z.number(),
  jointMilitary: z.number(),
  costFen: z.number(),
  byForm: z.array(z.object({ key: z.string(), label: z.string(), count: z.number() })),
  byKind: z.array(z.object({ key: z.string(), label: z.string(), count: z.number() })),
  byTown: z.array(z.object({ key: z.string(), label: z.string(), count: z.number() })),
});

export const ZTaskListQuerySchema = z.object({
  state: z.enum(TASK_STATES).optional(),
  /** `owner`: tasks I must complete; `signer`: tasks done by others waiting for my sign-off. */
  mine: z.enum(['owner', 'signer']).optional(),
  drillId: z.coerce.number().int().positive().optional(),
  ...page,
});

export const ZTaskCompleteSchema = z.object({
  evidence: text('整改完成情况', 2, 1000),
  files: z.array(sha).max(20).default([]),
});
export const ZTaskDecisionSchema = z.object({ note: z.string().trim().max(500, '意见最多 500 个字').default('') });

export const ZCalendarQuerySchema = z.object({ from: day('开始日期'), to: day('结束日期') });
export const ZCalendarSchema = z.object({
  items: z.array(
    z.object({
      date: z.string(),
      type: z.enum(['drill', 'training']),
      id: z.number(),
      title: z.string(),
      status: z.string(),
      jointMilitary: z.boolean(),
      divisionCode: z.string(),
    }),
  ),
});

export const ZUserOptionSchema = z.object({ id: z.number(), displayName: z.string(), role: z.string() });
