/**
 * Emergency plans' shapes (应急预案): registration and edits, document versions, drill duty, linked resources,
 * the plan ledger and the drill compliance view over it.
 */
import '../shared/zod-locale';
import { z } from 'zod';
import { ACCIDENT_TYPE_CODES, EMERGENCY_TYPE_CODES } from '../accident/accident.data';
import { day, text, town, sha, resourceIds, page } from './drill.fields';
import { DRILL_STATUSES, EMERGENCY_PLAN_KINDS, EMERGENCY_PLAN_LEVELS, EMERGENCY_PLAN_STATUSES, PLAN_RESOURCE_KINDS } from './drill.rules';

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
