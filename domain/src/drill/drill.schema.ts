/**
 * Drill contracts' shapes: emergency plans (应急预案) with their document versions and drill duty, drills with their
 * phases, review (复盘) tasks, training sessions with attendance, and the views over them.
 */
import '../shared/zod-locale';
import { z } from 'zod';
import { ACCIDENT_TYPE_CODES, EMERGENCY_TYPE_CODES } from '../accident/accident.data';
import {
  ATTENDANCE_FIELDS,
  DRILL_FORMS,
  DRILL_NOTICES,
  DRILL_STATUSES,
  EMERGENCY_PLAN_KINDS,
  EMERGENCY_PLAN_LEVELS,
  EMERGENCY_PLAN_STATUSES,
  PLAN_RESOURCE_KINDS,
  TASK_STATES,
  TRAINING_KINDS,
} from './drill.rules';

const day = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD` });
const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label}格式不正确（应含时区，如 2025-11-20T09:00:00+08:00）` });
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label}必须填写` })
    .trim()
    .min(min, min <= 1 ? `${label}必须填写` : `${label}至少 ${min} 个字`)
    .max(max, `${label}最多 ${max} 个字`);
const count = (label: string) =>
  z
    .number({ error: `${label}必须填写` })
    .int(`${label}必须是整数`)
    .min(0, `${label}不能为负数`)
    .max(1_000_000, `${label}过大`);
const town = z.string({ error: '镇街必须选择' }).regex(/^\d{4}(\d{5})?$/, '所属区划代码应为 4 位（市）或 9 位（镇街）数字');
const sha = z.string().regex(/^[0-9a-f]{64}$/, '附件标识不正确，请重新上传');
const units = (label: string) => z.array(text(label, 2, 100)).max(100, `${label}最多 100 个`);
const resourceIds = (label: string) =>
  z
    .array(z.number().int().positive(`${label}编号不正确`), { error: `${label}须为编号列表` })
    .max(30, `${label}最多关联 30 个`)
    .refine((ids) => new Set(ids).size === ids.length, `${label}不能重复关联`);
const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const ZEmergencyPlanLevelSchema = z.enum(EMERGENCY_PLAN_LEVELS, { error: '预案层级不正确' });
export const ZEmergencyPlanKindSchema = z.enum(EMERGENCY_PLAN_KINDS, { error: '预案类别不正确' });
export const ZEmergencyPlanStatusSchema = z.enum(EMERGENCY_PLAN_STATUSES, { error: '预案状态不正确' });

/**
 * What may be changed after registration, without defaults: zod applies a default inside `.partial()`, so a PATCH
 * built on the defaulted input would reset every field it leaves out (status back to 现行, links dropped).
 */
const ZEmergencyPlanEditableSchema = z.object({
  name: text('预案名称', 4, 100),
  ownerUnit: text('编制单位', 2, 100),
  reviewCycleMonths: z.number().int('评估周期必须是整月数').min(6, '评估周期至少 6 个月').max(60, '评估周期最多 60 个月'),
  status: ZEmergencyPlanStatusSchema,
  workSafety: z.boolean(),
  highRisk: z.boolean(),
  accidentTypes: z.array(z.enum(ACCIDENT_TYPE_CODES, { error: '事故类别不正确' })).max(20),
  disasterTypes: z.array(z.enum(EMERGENCY_TYPE_CODES, { error: '灾害类别不正确' })).max(20),
  resources: z.array(text('依托资源', 2, 100)).max(50),
  /** Warehouses and shelters of the resources module the plan relies on. */
  warehouseIds: resourceIds('物资仓库'),
  shelterIds: resourceIds('避难场所'),
});
const e = ZEmergencyPlanEditableSchema.shape;

export const ZEmergencyPlanInputSchema = z.object({
  name: e.name,
  level: ZEmergencyPlanLevelSchema,
  kind: ZEmergencyPlanKindSchema,
  ownerUnit: e.ownerUnit,
  /** A town's or the city's division; an enterprise plan takes its firm's. */
  divisionCode: town.optional(),
  enterpriseId: z.number().int().positive('企业编号不正确').nullable().default(null),
  issuedOn: day('发布日期'),
  reviewCycleMonths: e.reviewCycleMonths.default(36),
  status: e.status.default('in_force'),
  workSafety: e.workSafety.default(false),
  highRisk: e.highRisk.default(false),
  accidentTypes: e.accidentTypes.default([]),
  disasterTypes: e.disasterTypes.default([]),
  resources: e.resources.default([]),
  warehouseIds: e.warehouseIds.default([]),
  shelterIds: e.shelterIds.default([]),
  document: z
    .object({ sha256: sha, fileName: text('文件名', 1, 200) })
    .nullable()
    .default(null),
});
export type TEmergencyPlanInput = z.input<typeof ZEmergencyPlanInputSchema>;

export const ZEmergencyPlanUpdateSchema = ZEmergencyPlanEditableSchema.partial().extend({
  version: z.number().int().positive('版本号不正确'),
});

export const ZEmergencyPlanRevisionSchema = z.object({
  sha256: sha,
  fileName: text('文件名', 1, 200),
  revisedOn: day('修订日期'),
  note: text('修订说明', 2, 500),
  /** The drill whose review led to this revision. */
  drillId: z.number().int().positive('演练编号不正确').nullable().default(null),
});

export const ZDrillDutySchema = z.object({
  intervalMonths: z.number().nullable(),
  basis: z.string().nullable(),
  lastDrillOn: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  overdue: z.boolean(),
  daysLeft: z.number().nullable(),
});

export const ZEmergencyPlanItemSchema = z.object({
  id: z.number(),
  name: z.string(),
  level: ZEmergencyPlanLevelSchema,
  kind: ZEmergencyPlanKindSchema,
  ownerUnit: z.string(),
  divisionCode: z.string(),
  townName: z.string().nullable(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  issuedOn: z.string(),
  revisedOn: z.string().nullable(),
  status: ZEmergencyPlanStatusSchema,
  duty: ZDrillDutySchema,
});
export type TEmergencyPlanItem = z.infer<typeof ZEmergencyPlanItemSchema>;

export const ZEmergencyPlanVersionSchema = z.object({
  no: z.number(),
  sha256: z.string(),
  fileName: z.string(),
  revisedOn: z.string(),
  note: z.string(),
  drillId: z.number().nullable(),
  drillTitle: z.string().nullable(),
});

export const ZPlanResourceSchema = z.object({
  kind: z.enum(PLAN_RESOURCE_KINDS),
  id: z.number(),
  name: z.string(),
  divisionCode: z.string(),
  townName: z.string().nullable(),
  address: z.string(),
});
export type TPlanResource = z.infer<typeof ZPlanResourceSchema>;

export const ZPlanResourceOptionsQuerySchema = z.object({
  kind: z.enum(PLAN_RESOURCE_KINDS, { error: '资源类别不正确' }),
  q: z.string().trim().max(50, '关键字最多 50 个字').optional(),
});

export const ZEmergencyPlanDetailSchema = ZEmergencyPlanItemSchema.extend({
  reviewCycleMonths: z.number(),
  reviewDueOn: z.string(),
  workSafety: z.boolean(),
  highRisk: z.boolean(),
  accidentTypes: z.array(z.string()),
  disasterTypes: z.array(z.string()),
  resources: z.array(z.string()),
  linkedResources: z.array(ZPlanResourceSchema),
  version: z.number(),
  versions: z.array(ZEmergencyPlanVersionSchema),
  drills: z.array(
    z.object({ id: z.number(), title: z.string(), heldOn: z.string().nullable(), plannedOn: z.string(), status: z.enum(DRILL_STATUSES) }),
  ),
});
export type TEmergencyPlanDetail = z.infer<typeof ZEmergencyPlanDetailSchema>;

export const ZEmergencyPlanListQuerySchema = z.object({
  keyword: z.string().trim().max(50).optional(),
  level: ZEmergencyPlanLevelSchema.optional(),
  kind: ZEmergencyPlanKindSchema.optional(),
  status: ZEmergencyPlanStatusSchema.optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,9}$/, '区划代码不正确')
    .optional(),
  overdue: z.enum(['true', 'false']).optional(),
  ...page,
});
export type TEmergencyPlanListQuery = z.input<typeof ZEmergencyPlanListQuerySchema>;

export const ZComplianceQuerySchema = z.object({
  by: z.enum(['town', 'kind', 'level', 'owner'], { error: '分组方式不正确' }).default('town'),
  level: ZEmergencyPlanLevelSchema.optional(),
});
export const ZComplianceRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  plans: z.number(),
  withDuty: z.number(),
  overdue: z.number(),
  dueIn30Days: z.number(),
  neverDrilled: z.number(),
});
export const ZComplianceSchema = z.object({
  today: z.string(),
  rows: z.array(ZComplianceRowSchema),
  total: ZComplianceRowSchema,
});
export type TCompliance = z.infer<typeof ZComplianceSchema>;

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
