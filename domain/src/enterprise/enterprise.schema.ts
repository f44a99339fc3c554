import '../shared/zod-locale';
import { z } from 'zod';
import { validateCreditCode } from './credit-code.rules';
import { ZRiskColourSchema } from '../risk/risk.schema';

/** Supervision categories (监管类别), grouped as the bureau's powers list groups them. */
export const SUPERVISION_CATEGORIES = [
  { code: 'hc_production', label: '危险化学品生产', group: '危险化学品' },
  { code: 'hc_trade_storage', label: '危险化学品经营（带储存）', group: '危险化学品' },
  { code: 'hc_trade', label: '危险化学品经营（不带储存）', group: '危险化学品' },
  { code: 'hc_use', label: '危险化学品使用', group: '危险化学品' },
  { code: 'fw_production', label: '烟花爆竹生产', group: '烟花爆竹' },
  { code: 'fw_wholesale', label: '烟花爆竹批发', group: '烟花爆竹' },
  { code: 'fw_retail', label: '烟花爆竹零售', group: '烟花爆竹' },
  { code: 'mine', label: '非煤矿山', group: '非煤矿山' },
  { code: 'it_metallurgy', label: '工贸·冶金', group: '工贸' },
  { code: 'it_nonferrous', label: '工贸·有色', group: '工贸' },
  { code: 'it_building', label: '工贸·建材', group: '工贸' },
  { code: 'it_machinery', label: '工贸·机械', group: '工贸' },
  { code: 'it_light', label: '工贸·轻工', group: '工贸' },
  { code: 'it_textile', label: '工贸·纺织', group: '工贸' },
  { code: 'it_tobacco', label: '工贸·烟草', group: '工贸' },
  { code: 'it_commerce', label: '工贸·商贸', group: '工贸' },
  { code: 'other', label: '其他', group: '其他' },
] as const;
export type TSupervisionCategory = (typeof SUPERVISION_CATEGORIES)[number]['code'];
export const CATEGORY_CODES = SUPERVISION_CATEGORIES.map((c) => c.code) as [TSupervisionCategory, ...TSupervisionCategory[]];
export const CATEGORY_LABELS = Object.fromEntries(SUPERVISION_CATEGORIES.map((c) => [c.code, c.label])) as Record<
  TSupervisionCategory,
  string
>;
export const ZSupervisionCategorySchema = z.enum(CATEGORY_CODES, { error: '监管类别不正确' });

export const SPECIAL_TAGS = [
  { code: 'dust_explosion', label: '粉尘涉爆' },
  { code: 'ammonia_refrigeration', label: '涉氨制冷' },
  { code: 'confined_space', label: '有限空间' },
  { code: 'gas_filling', label: '气体充装' },
  { code: 'major_hazard_source', label: '重大危险源' },
  { code: 'molten_metal', label: '涉高温熔融金属' },
  { code: 'hazardous_process', label: '重点监管危险化工工艺' },
  { code: 'lithium_battery', label: '锂电池' },
] as const;
export type TSpecialTag = (typeof SPECIAL_TAGS)[number]['code'];
export const TAG_CODES = SPECIAL_TAGS.map((t) => t.code) as [TSpecialTag, ...TSpecialTag[]];
export const TAG_LABELS = Object.fromEntries(SPECIAL_TAGS.map((t) => [t.code, t.label])) as Record<TSpecialTag, string>;

export const REGISTRATION_STATUSES = ['存续', '停业', '注销', '吊销'] as const;
export type TRegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const ZRegistrationStatusSchema = z.enum(REGISTRATION_STATUSES, { error: '登记状态应为 存续、停业、注销 或 吊销' });
export const isDeregistered = (s: TRegistrationStatus | null | undefined): boolean => s === '注销' || s === '吊销';

export const SUPERVISION_STATUSES = ['在管', '待核实', '移出'] as const;
export type TSupervisionStatus = (typeof SUPERVISION_STATUSES)[number];
export const ZSupervisionStatusSchema = z.enum(SUPERVISION_STATUSES, { error: '监管状态应为 在管、待核实 或 移出' });

export const SUPERVISING_LEVELS = ['city', 'town'] as const;
export type TSupervisingLevel = (typeof SUPERVISING_LEVELS)[number];
export const SUPERVISING_LEVEL_LABELS: Record<TSupervisingLevel, string> = { city: '市级', town: '镇街' };

export const ZCreditCodeSchema = z.string({ error: '统一社会信用代码必须填写' }).transform((s, ctx) => {
  const r = validateCreditCode(s);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.code;
});

const text = (label: string, max = 200) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .max(max, `${label}最多 ${max} 个字符`);
const phone = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, `${label}格式不正确`);

export const ZLicenceSchema = z.object({
  kind: text('许可证类别', 50).min(1, '许可证类别必须填写'),
  number: text('许可证编号', 80).min(1, '许可证编号必须填写'),
  issuedOn: z.iso.date('发证日期格式应为 YYYY-MM-DD').nullable().optional(),
  expiresOn: z.iso.date('有效期至格式应为 YYYY-MM-DD').nullable().optional(),
});
export type TLicence = z.infer<typeof ZLicenceSchema>;

/** The fields an officer maintains by hand (the regulator's feed maintains a subset of them). */
export const ZEnterpriseFieldsSchema = z.object({
  name: text('企业名称').min(2, '企业名称至少 2 个字'),
  legalRepresentative: text('法定代表人', 50).nullable().optional(),
  principalName: text('主要负责人', 50).nullable().optional(),
  principalPhone: phone('主要负责人电话').nullable().optional(),
  safetyManagerName: text('安全管理人员', 50).nullable().optional(),
  safetyManagerPhone: phone('安全管理人员电话').nullable().optional(),
  address: text('地址', 300).nullable().optional(),
  longitude: z.number().min(73, '经度超出中国范围').max(136, '经度超出中国范围').nullable().optional(),
  latitude: z.number().min(3, '纬度超出中国范围').max(54, '纬度超出中国范围').nullable().optional(),
  divisionCode: z.string({ error: '所属镇街必须选择' }).regex(/^\d{9}$/, '所属镇街应为 9 位区划代码'),
  industryCode: z
    .string()
    .trim()
    .regex(/^[A-T]?\d{2,4}$/, '国民经济行业代码格式不正确（GB/T 4754，如 C2614 或 2614）')
    .nullable()
    .optional(),
  supervisionCategory: ZSupervisionCategorySchema,
  tags: z
    .array(z.enum(TAG_CODES, { error: '特殊标签不正确' }))
    .max(20)
    .default([]),
  employees: z.number().int('从业人数必须是整数').min(0, '从业人数不能为负').max(1_000_000).nullable().optional(),
  aboveScale: z.boolean().nullable().optional(),
  registrationStatus: ZRegistrationStatusSchema.default('存续'),
  licences: z.array(ZLicenceSchema).max(50).default([]),
});

export const ZReasonSchema = z
  .string({ error: '请填写变更原因' })
  .trim()
  .min(2, '请填写变更原因（至少 2 个字）')
  .max(500, '变更原因最多 500 个字');

export const ZEnterpriseCreateSchema = ZEnterpriseFieldsSchema.extend({ creditCode: ZCreditCodeSchema, reason: ZReasonSchema });
export type TEnterpriseCreate = z.infer<typeof ZEnterpriseCreateSchema>;

export const ZEnterpriseUpdateSchema = ZEnterpriseFieldsSchema.omit({ divisionCode: true }).partial().extend({ reason: ZReasonSchema });
export type TEnterpriseUpdate = z.infer<typeof ZEnterpriseUpdateSchema>;

export const ZEnterpriseListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,9}$/, '区划代码格式不正确')
    .optional(),
  category: ZSupervisionCategorySchema.optional(),
  tag: z.enum(TAG_CODES).optional(),
  supervisionStatus: ZSupervisionStatusSchema.optional(),
  registrationStatus: ZRegistrationStatusSchema.optional(),
  level: z.enum(SUPERVISING_LEVELS).optional(),
  /** Firms whose current risk grade is this colour. */
  riskColour: ZRiskColourSchema.optional(),
  sort: z.enum(['name', 'creditCode', 'updatedAt', 'divisionCode', 'employees']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TEnterpriseListQuery = z.infer<typeof ZEnterpriseListQuerySchema>;

export const ZEnterpriseSchema = z.object({
  id: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  formerNames: z.array(z.string()),
  legalRepresentative: z.string().nullable(),
  principalName: z.string().nullable(),
  principalPhone: z.string().nullable(),
  safetyManagerName: z.string().nullable(),
  safetyManagerPhone: z.string().nullable(),
  address: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  supervisionCategory: ZSupervisionCategorySchema,
  tags: z.array(z.string()),
  employees: z.number().nullable(),
  aboveScale: z.boolean().nullable(),
  registrationStatus: ZRegistrationStatusSchema,
  supervisionStatus: ZSupervisionStatusSchema,
  supervisingLevel: z.enum(SUPERVISING_LEVELS),
  /** The current risk grade's colour; null for a firm not graded. */
  riskColour: ZRiskColourSchema.nullable(),
  updatedAt: z.string(),
});
export type TEnterprise = z.infer<typeof ZEnterpriseSchema>;

export const ZEnterprisePageSchema = z.object({ items: z.array(ZEnterpriseSchema), total: z.number().int() });

export const ZStatusChangeSchema = z.object({ status: ZSupervisionStatusSchema, reason: ZReasonSchema });
export const ZTransferRequestSchema = z.object({
  toCode: z.string({ error: '请选择目标镇街' }).regex(/^\d{9}$/, '目标镇街应为 9 位区划代码'),
  reason: ZReasonSchema,
});
export const ZTransferDecisionSchema = z.object({
  accept: z.boolean({ error: '请选择接收或退回' }),
  comment: z.string().trim().max(500).nullable().optional(),
});
export const ZTransferSchema = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  fromCode: z.string(),
  toCode: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'accepted', 'rejected']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  enterpriseName: z.string().optional(),
  creditCode: z.string().optional(),
  fromName: z.string().nullable().optional(),
  toName: z.string().nullable().optional(),
});

export const ZEnterpriseDetailSchema = z.object({
  enterprise: ZEnterpriseSchema,
  licences: z.array(
    z.object({ id: z.number(), kind: z.string(), number: z.string(), issuedOn: z.string().nullable(), expiresOn: z.string().nullable() }),
  ),
  supervisingBody: z.string(),
  timeline: z.array(
    z.object({ id: z.number(), at: z.string(), module: z.string(), kind: z.string(), summary: z.string(), ref: z.string().nullable() }),
  ),
  history: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actorName: z.string().nullable(),
      action: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  can: z.object({ change: z.boolean() }),
});

/** The modules whose events make a firm's timeline (企业动态), for the timeline's tabs. */
export const TIMELINE_MODULES = ['enterprise', 'inspection', 'hazard', 'case', 'risk', 'accident'] as const;
export const ZTimelineQuerySchema = z.object({
  module: z.enum(TIMELINE_MODULES, { error: '动态类别不正确' }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(10),
});
export type TTimelineQuery = z.infer<typeof ZTimelineQuerySchema>;
export const ZTimelineEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  module: z.string(),
  kind: z.string(),
  summary: z.string(),
  ref: z.string().nullable(),
});
export const ZTimelinePageSchema = z.object({ items: z.array(ZTimelineEntrySchema), total: z.number().int() });

const ZFeedRowSchema = z.object({
  row: z.number(),
  creditCode: z.string(),
  name: z.string(),
  legalRepresentative: z.string().nullable(),
  registrationStatus: z.string(),
  address: z.string().nullable(),
  industryCode: z.string().nullable(),
  divisionCode: z.string(),
});
const ZFirmRefSchema = z.object({ id: z.number(), creditCode: z.string(), name: z.string(), divisionCode: z.string() });

export const ZImportPreviewSchema = z.object({
  token: z.string(),
  fileName: z.string(),
  rows: z.number(),
  columns: z.record(z.string(), z.string()),
  counts: z.object({
    new: z.number(),
    changed: z.number(),
    unchanged: z.number(),
    missing: z.number(),
    deregistered: z.number(),
    skippedDeregistered: z.number(),
    invalid: z.number(),
  }),
  new: z.array(ZFeedRowSchema),
  changed: z.array(
    z.object({
      id: z.number(),
      creditCode: z.string(),
      name: z.string(),
      row: z.number(),
      changes: z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
    }),
  ),
  missing: z.array(ZFirmRefSchema),
  deregistered: z.array(ZFirmRefSchema.extend({ status: z.string() })),
  invalid: z.array(z.object({ row: z.number(), reason: z.string() })),
  batchId: z.number().optional(),
});
export type TImportPreview = z.infer<typeof ZImportPreviewSchema>;

/** A chosen column mapping: import field → the header of the column that holds it. */
export const ZColumnMappingSchema = z
  .partialRecord(
    z.enum(['creditCode', 'name', 'legalRepresentative', 'registrationStatus', 'address', 'industryCode', 'town']),
    z.string().trim().min(1).max(100),
  )
  .refine((m) => Boolean(m.creditCode && m.name), { message: '列对应关系至少要指定统一社会信用代码和企业名称两列' });

export const ZImportApplySchema = z.object({
  token: z.string().regex(/^[0-9a-f]{64}$/, '预览凭据不正确，请重新上传'),
  fileName: z.string().trim().min(1).max(200),
  source: z.string().trim().min(1).max(50).default('市场监管局'),
  skipInvalid: z.boolean().default(false),
  mapping: ZColumnMappingSchema.optional(),
});

export const ZObligationAlertSchema = z.object({
  enterprise: ZEnterpriseSchema,
  obligations: z.array(z.object({ module: z.string(), kind: z.string(), count: z.number(), summary: z.string() })),
});
