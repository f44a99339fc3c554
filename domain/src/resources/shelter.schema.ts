/** Contracts of shelters (应急避难场所): registry, facilities, totals, nearest, census import. */
import '../shared/zod-locale';
import { z } from 'zod';
import { SHELTER_CLASSES, SHELTER_FACILITIES, SHELTER_KINDS, SHELTER_LEVELS, SHELTER_STATUSES } from './resources.data';
import { ZStockRowSchema } from './resources.schema';

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}必须填写` })
    .trim()
    .min(1, `${label}必须填写`)
    .max(max, `${label}最多 ${max} 个字`);
const day = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD` });

export const ZShelterInputSchema = z.object({
  name: text('场所名称', 100),
  kind: z.enum(SHELTER_KINDS, { error: '场所类型不正确' }),
  indoor: z.boolean({ error: '室内/室外必须选择' }),
  level: z.enum(SHELTER_LEVELS, { error: '场所级别不正确' }),
  shelterClass: z.enum(SHELTER_CLASSES, { error: '场所类别不正确' }),
  divisionCode: z.string({ error: '所在镇街必须选择' }).regex(/^\d{9}$/, '所在镇街代码必须是 9 位数字'),
  address: text('地址', 200),
  longitude: z.number({ error: '经度必须填写' }),
  latitude: z.number({ error: '纬度必须填写' }),
  areaM2: z.number({ error: '有效避难面积必须填写' }).min(0, '有效避难面积不能为负数').max(10_000_000, '有效避难面积过大'),
  capacityOverride: z
    .number()
    .int('核定容纳人数必须是整数')
    .min(0, '核定容纳人数不能为负数')
    .max(1_000_000, '核定容纳人数过大')
    .nullable()
    .default(null),
  overrideReason: z.string().trim().max(200, '核定说明最多 200 个字').nullable().default(null),
  managingUnit: text('管理单位', 100),
  contact: text('联系人', 30),
  contactPhone: z
    .string({ error: '联系电话必须填写' })
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, '联系电话格式不正确'),
  status: z.enum(SHELTER_STATUSES, { error: '启用状态不正确' }).default('open'),
  centralCity: z.boolean().default(false),
  /** Facilities present, each with the date it was last checked. */
  facilities: z.partialRecord(z.enum(SHELTER_FACILITIES, { error: '设施类型不正确' }), day('检查日期')).default({}),
  supplies: z.string().trim().max(500, '储备物资说明最多 500 个字').default(''),
});
export type TShelterInput = z.input<typeof ZShelterInputSchema>;

export const ZShelterSchema = ZShelterInputSchema.extend({
  id: z.number(),
  divisionName: z.string(),
  capacity: z.number(),
  computedCapacity: z.number(),
  missingFacilities: z.array(z.enum(SHELTER_FACILITIES)),
  /** Stock points (warehouses) at this shelter, and how many of them hold stock now: from the ledger, never a second count. */
  stockPoints: z.number(),
  stockedPoints: z.number(),
});
export type TShelter = z.infer<typeof ZShelterSchema>;

export const ZShelterListQuerySchema = z.object({
  divisionCode: z
    .string()
    .regex(/^\d{4,9}$/, '区划代码不正确')
    .optional(),
  kind: z.enum(SHELTER_KINDS, { error: '场所类型不正确' }).optional(),
  status: z.enum(SHELTER_STATUSES, { error: '启用状态不正确' }).optional(),
  centralCity: z.enum(['true', 'false']).optional(),
  missingFacilities: z.enum(['true', 'false']).optional(),
  /** 有物资储备 (a linked warehouse holding stock) / 无物资储备. */
  hasStock: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TShelterListQuery = z.input<typeof ZShelterListQuerySchema>;

const ZTotalsSchema = z.object({ shelters: z.number(), areaM2: z.number(), capacity: z.number() });
export const ZShelterTotalsSchema = z.object({
  all: ZTotalsSchema,
  centralCity: ZTotalsSchema,
  byTown: z.array(
    ZTotalsSchema.extend({
      divisionCode: z.string(),
      divisionName: z.string(),
      population: z.number().nullable(),
      /** Capacity per 100 residents, where the population is entered. */
      per100Residents: z.number().nullable(),
      missingFacilities: z.number(),
    }),
  ),
});

export const ZNearestQuerySchema = z.object({
  longitude: z.coerce.number({ error: '经度必须填写' }),
  latitude: z.coerce.number({ error: '纬度必须填写' }),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});
export const ZNearestSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      address: z.string(),
      divisionName: z.string(),
      capacity: z.number(),
      longitude: z.number(),
      latitude: z.number(),
      distanceM: z.number(),
    }),
  ),
});

export const ZShelterImportResultSchema = z.object({
  created: z.number(),
  updated: z.number(),
  problems: z.array(z.object({ row: z.number(), message: z.string() })),
});

/** The census columns a mapping may name (field → the sheet's header). */
export const ZCensusMappingSchema = z.partialRecord(
  z.enum([
    'town',
    'name',
    'kind',
    'indoor',
    'level',
    'shelterClass',
    'address',
    'longitude',
    'latitude',
    'areaM2',
    'capacityOverride',
    'overrideReason',
    'managingUnit',
    'contact',
    'contactPhone',
    'status',
    'centralCity',
    'facilities',
    'checkedOn',
  ]),
  z.string().trim().min(1).max(100),
);
export type TCensusMapping = z.infer<typeof ZCensusMappingSchema>;

/** What an uploaded census would do: the columns found, the mapping used, and each row with its problems. */
export const ZShelterImportPreviewSchema = z.object({
  token: z.string(),
  fileName: z.string(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  /** Required fields no column was mapped to (no row is read until they are). */
  missing: z.array(z.string()),
  counts: z.object({ rows: z.number(), valid: z.number(), invalid: z.number(), create: z.number(), update: z.number() }),
  rows: z.array(
    z.object({
      row: z.number(),
      name: z.string(),
      town: z.string(),
      action: z.enum(['create', 'update']).nullable(),
      errors: z.array(z.string()),
    }),
  ),
});
export type TShelterImportPreview = z.infer<typeof ZShelterImportPreviewSchema>;

export const ZShelterImportApplySchema = z.object({
  token: z.string().regex(/^[0-9a-f]{64}$/, '预览凭据不正确，请重新上传'),
  fileName: z.string().trim().min(1, '缺少文件名').max(200),
  mapping: ZCensusMappingSchema.default({}),
});

/** The supplies stored at a shelter: its stock points and their ledger rows (the stock query, filtered to the shelter). */
export const ZShelterStockSchema = z.object({
  warehouses: z.array(z.object({ id: z.number(), name: z.string(), keeper: z.string(), keeperPhone: z.string() })),
  items: z.array(ZStockRowSchema),
  expiringDays: z.number(),
  today: z.string(),
});
export type TShelterStock = z.infer<typeof ZShelterStockSchema>;
