/** Contracts of the resources module: warehouses, catalogue, lots and movements, loans, alerts. Shelters: shelter.schema.ts. */
import '../shared/zod-locale';
import { z } from 'zod';
import { MINIMUM_ORIGINS } from './minimum.rules';
import {
  ALERT_KINDS,
  ITEM_CATEGORIES,
  LOAN_STATES,
  MOVEMENT_KINDS,
  RECEIPT_SOURCES,
  RETURN_CONDITIONS,
  WAREHOUSE_KINDS,
} from './resources.data';

const day = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD` });
const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label}必须填写` })
    .trim()
    .min(min, min === 1 ? `${label}必须填写` : `${label}至少 ${min} 个字`)
    .max(max, `${label}最多 ${max} 个字`);
const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label}最多 ${max} 个字`).nullable().default(null);
const quantity = (label: string) =>
  z
    .number({ error: `${label}必须填写` })
    .int(`${label}必须是整数`)
    .positive(`${label}必须大于 0`)
    .max(10_000_000, `${label}过大`);
const id = (label: string) =>
  z.coerce
    .number({ error: `${label}必须选择` })
    .int(`${label}不正确`)
    .positive(`${label}必须选择`);
const fen = (label: string) =>
  z
    .number({ error: `${label}必须填写` })
    .int(`${label}以分计，必须是整数`)
    .min(0, `${label}不能为负数`)
    .max(1e13, `${label}过大`);
const coord = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须填写` })
    .min(min, `${label}不正确`)
    .max(max, `${label}不正确`);
const divisionCode = z.string({ error: '所属区划必须选择' }).regex(/^\d{4}$|^\d{9}$/, '所属区划应为市（4 位）或镇街（9 位）代码');
const phone = z
  .string({ error: '联系电话必须填写' })
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, '联系电话格式不正确');
const page = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) };
const optionalId = z.coerce.number().int().positive().optional();

// ── warehouses and catalogue ───────────────────────────────────────────────────────────────────────────
export const ZWarehouseInputSchema = z.object({
  name: text('仓库名称', 60, 2),
  kind: z.enum(WAREHOUSE_KINDS, { error: '仓库类型不正确' }),
  divisionCode,
  address: text('地址', 200, 2),
  keeper: text('保管员', 30),
  keeperPhone: phone,
  longitude: coord('经度', -180, 180),
  latitude: coord('纬度', -90, 90),
  /** The shelter this stock point is at (储备于避难场所), same town; null when it stands alone. */
  shelterId: z.number({ error: '所在避难场所不正确' }).int('所在避难场所不正确').positive('所在避难场所不正确').nullable().default(null),
});
export type TWarehouseInput = z.input<typeof ZWarehouseInputSchema>;
export const ZWarehouseSchema = ZWarehouseInputSchema.extend({
  id: z.number(),
  divisionName: z.string(),
  shelterName: z.string().nullable(),
  lots: z.number(),
  belowMinimum: z.number(),
});
export type TWarehouse = z.infer<typeof ZWarehouseSchema>;

export const ZItemInputSchema = z.object({
  code: z
    .string({ error: '物资编码必须填写' })
    .trim()
    .regex(/^[A-Z0-9-]{2,40}$/, '物资编码应为 2–40 位大写字母、数字或连字符'),
  name: text('物资名称', 60),
  category: z.enum(ITEM_CATEGORIES, { error: '物资类别不正确' }),
  unit: text('计量单位', 10),
  spec: z.string().trim().max(100, '规格型号最多 100 个字').default(''),
  requires3c: z.boolean({ error: '是否 3C 认证必须选择' }),
  maintenanceDays: z.number().int('保养周期必须是整数天').min(1, '保养周期至少 1 天').max(3650, '保养周期过长').nullable().default(null),
  unitPriceFen: fen('参考单价'),
});
export type TItemInput = z.input<typeof ZItemInputSchema>;
export const ZItemSchema = ZItemInputSchema.extend({ id: z.number() });
export type TItem = z.infer<typeof ZItemSchema>;

export const ZMinimumInputSchema = z.object({
  itemId: id('物资'),
  /** null removes the warehouse's own minimum: the reserve guidance for its level applies again. */
  quantity: z
    .number({ error: '最低储备必须填写' })
    .int('最低储备必须是整数')
    .min(0, '最低储备不能为负数')
    .max(10_000_000, '最低储备过大')
    .nullable(),
});

// ── stock ──────────────────────────────────────────────────────────────────────────────────────────────
export const ZStockQuerySchema = z.object({
  warehouseId: optionalId,
  category: z.enum(ITEM_CATEGORIES, { error: '物资类别不正确' }).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{4,9}$/, '区划代码不正确')
    .optional(),
  q: z.string().trim().max(50).optional(),
  ...page,
});
export type TStockQuery = z.input<typeof ZStockQuerySchema>;
export const ZStockRowSchema = z.object({
  warehouseId: z.number(),
  warehouseName: z.string(),
  divisionName: z.string(),
  itemId: z.number(),
  itemCode: z.string(),
  itemName: z.string(),
  category: z.enum(ITEM_CATEGORIES),
  unit: z.string(),
  spec: z.string(),
  balance: z.number(),
  /** The part of the balance not expired today: what counts toward the minimum (reserveShortfall). */
  usable: z.number(),
  /** The effective minimum (effectiveMinimum): the warehouse's own, else the guidance for its level. */
  minimum: z.number().nullable(),
  minimumFrom: z.enum(MINIMUM_ORIGINS).nullable(),
  /** The guidance's document when the minimum comes from it. */
  minimumSource: z.string().nullable(),
  earliestExpiry: z.string().nullable(),
  lots: z.number(),
});
export type TStockRow = z.infer<typeof ZStockRowSchema>;

export const ZLotSchema = z.object({
  id: z.number(),
  warehouseId: z.number(),
  warehouseName: z.string(),
  itemId: z.number(),
  itemName: z.string(),
  unit: z.string(),
  spec: z.string(),
  source: z.enum(RECEIPT_SOURCES),
  received: z.number(),
  balance: z.number(),
  producedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  certificate3c: z.string().nullable(),
  supplier: z.string().nullable(),
  unitPriceFen: z.number(),
  receivedOn: z.string(),
  lastMaintainedOn: z.string().nullable(),
  acceptors: z.array(z.string()),
});
export type TLot = z.infer<typeof ZLotSchema>;
export const ZLotQuerySchema = z.object({ warehouseId: optionalId, itemId: optionalId, withEmpty: z.enum(['true', 'false']).optional() });

export const ZReceiptLineSchema = z.object({
  itemId: id('物资'),
  quantity: quantity('入库数量'),
  spec: z.string().trim().max(100, '规格型号最多 100 个字').default(''),
  producedOn: day('生产日期').nullable().default(null),
  expiresOn: day('有效期至').nullable().default(null),
  certificate3c: optionalText('3C 证书编号', 40),
  supplier: optionalText('供应单位', 100),
  unitPriceFen: fen('单价'),
});
export const ZReceiptInputSchema = z.object({
  warehouseId: id('仓库'),
  source: z.enum(RECEIPT_SOURCES, { error: '来源不正确' }),
  receivedOn: day('入库日期'),
  acceptors: z.array(z.string().trim().max(30, '验收人姓名最多 30 个字'), { error: '验收人必须填写' }).max(10, '验收人最多 10 人'),
  note: z.string().trim().max(500, '备注最多 500 个字').default(''),
  lines: z.array(ZReceiptLineSchema, { error: '入库明细必须填写' }).min(1, '入库明细至少一项').max(200, '入库明细最多 200 项'),
});
export type TReceiptInput = z.input<typeof ZReceiptInputSchema>;

const ZLotPickSchema = z.object({ lotId: id('批次'), quantity: quantity('出库数量') });
export const ZIssueInputSchema = z.object({
  warehouseId: id('仓库'),
  itemId: id('物资'),
  quantity: quantity('出库数量'),
  /** The lots to take from; omitted: earliest expiry first. */
  lots: z.array(ZLotPickSchema).max(50).optional(),
  recipient: text('领用单位', 100),
  purpose: text('用途', 200),
});
export type TIssueInput = z.input<typeof ZIssueInputSchema>;
export const ZIssueSuggestQuerySchema = z.object({
  warehouseId: id('仓库'),
  itemId: id('物资'),
  quantity: z.coerce.number().int().positive('数量必须大于 0'),
});
export const ZLotPicksSchema = z.object({
  picks: z.array(z.object({ lotId: z.number(), quantity: z.number(), expiresOn: z.string().nullable() })),
  short: z.number(),
});

export const ZTransferInputSchema = z.object({
  lotId: id('批次'),
  toWarehouseId: id('调入仓库'),
  quantity: quantity('调拨数量'),
  note: z.string().trim().max(200, '备注最多 200 个字').default(''),
});
export const ZWriteOffInputSchema = z.object({ lotId: id('批次'), quantity: quantity('核销数量'), reason: text('核销原因', 200, 2) });
export const ZMaintenanceInputSchema = z.object({
  lotId: id('批次'),
  maintainedOn: day('保养日期'),
  note: z.string().trim().max(200).default(''),
});

export const ZMovementSchema = z.object({
  id: z.number(),
  kind: z.enum(MOVEMENT_KINDS),
  lotId: z.number(),
  warehouseName: z.string(),
  itemName: z.string(),
  unit: z.string(),
  quantity: z.number(),
  counterparty: z.string().nullable(),
  note: z.string(),
  loanId: z.number().nullable(),
  byName: z.string().nullable(),
  at: z.string(),
});
export type TMovement = z.infer<typeof ZMovementSchema>;
export const ZMovementQuerySchema = z.object({
  warehouseId: optionalId,
  lotId: optionalId,
  kind: z.enum(MOVEMENT_KINDS, { error: '变动类型不正确' }).optional(),
  ...page,
});
export const ZMovementResultSchema = z.object({ movementIds: z.array(z.number()), lotIds: z.array(z.number()) });
export const ZBalanceCheckSchema = z.object({
  lots: z.number(),
  mismatches: z.array(z.object({ lotId: z.number(), balance: z.number(), movements: z.number() })),
  /** Warehouse × item whose kept stock (结存) differs from the sum of its lots' balances, or its count of lots. */
  stockMismatches: z.array(z.object({ warehouseId: z.number(), itemId: z.number(), stock: z.number(), lots: z.number() })),
});

// ── loans ──────────────────────────────────────────────────────────────────────────────────────────────
export const ZLoanCreateSchema = z.object({
  warehouseId: id('出借仓库'),
  borrowerUnit: text('借用单位', 100, 2),
  borrowerDivisionCode: z.string({ error: '借用单位所属区划必须选择' }).regex(/^\d{4}$|^\d{9}$/, '借用单位所属区划应为市或镇街代码'),
  contact: text('借用联系人', 30),
  contactPhone: phone,
  purpose: text('用途', 200, 2),
  expectedReturnOn: day('预计归还日期'),
  lines: z
    .array(z.object({ itemId: id('物资'), quantity: quantity('借用数量') }), { error: '借用物资必须填写' })
    .min(1, '借用物资至少一项')
    .max(50, '借用物资最多 50 项'),
  documents: z
    .array(z.string().regex(/^[0-9a-f]{64}$/, '附件标识不正确'))
    .max(20, '附件最多 20 个')
    .default([]),
});
export type TLoanCreate = z.input<typeof ZLoanCreateSchema>;
export const ZLoanDecisionSchema = z.object({
  note: z.string().trim().max(500, '审批意见最多 500 个字').default(''),
  documents: z
    .array(z.string().regex(/^[0-9a-f]{64}$/, '附件标识不正确'))
    .max(20, '附件最多 20 个')
    .default([]),
});
export const ZLoanReturnSchema = z.object({
  returnedOn: day('归还日期'),
  items: z
    .array(
      z.object({
        lineId: id('出借明细'),
        quantity: quantity('归还数量'),
        condition: z.enum(RETURN_CONDITIONS, { error: '归还状况不正确' }),
        note: z.string().trim().max(200, '说明最多 200 个字').default(''),
      }),
    )
    .max(50),
});
export type TLoanReturn = z.input<typeof ZLoanReturnSchema>;

export const ZLoanLineSchema = z.object({
  id: z.number(),
  itemId: z.number(),
  itemCode: z.string(),
  itemName: z.string(),
  spec: z.string(),
  unit: z.string(),
  quantity: z.number(),
  returnedGood: z.number(),
  returnedDamaged: z.number(),
  consumed: z.number(),
  lost: z.number(),
  outstanding: z.number(),
});
export const ZLoanListItemSchema = z.object({
  id: z.number(),
  number: z.string(),
  state: z.enum(LOAN_STATES),
  warehouseId: z.number(),
  warehouseName: z.string(),
  borrowerUnit: z.string(),
  borrowerDivisionName: z.string(),
  applicantName: z.string(),
  purpose: z.string(),
  requestedAt: z.string(),
  expectedReturnOn: z.string(),
  issuedOn: z.string().nullable(),
  overdue: z.boolean(),
  summary: z.string(),
});
export type TLoanListItem = z.infer<typeof ZLoanListItemSchema>;
export const ZLoanStepSchema = z.object({ action: z.string(), byName: z.string(), at: z.string(), note: z.string() });
export const ZLoanDetailSchema = ZLoanListItemSchema.extend({
  contact: z.string(),
  contactPhone: z.string(),
  needsSecondApproval: z.boolean(),
  firstApproverName: z.string().nullable(),
  secondApproverName: z.string().nullable(),
  valueFen: z.number(),
  lines: z.array(ZLoanLineSchema),
  steps: z.array(ZLoanStepSchema),
  documents: z.array(z.string()),
  can: z.object({ approve: z.boolean(), refuse: z.boolean(), cancel: z.boolean(), issue: z.boolean(), return: z.boolean() }),
});
export type TLoanDetail = z.infer<typeof ZLoanDetailSchema>;
export const ZLoanListQuerySchema = z.object({
  state: z.enum(LOAN_STATES, { error: '状态不正确' }).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  warehouseId: optionalId,
  q: z.string().trim().max(50).optional(),
  ...page,
});
export type TLoanListQuery = z.input<typeof ZLoanListQuerySchema>;

// ── alerts ─────────────────────────────────────────────────────────────────────────────────────────────
export const ZAlertQuerySchema = z.object({
  kind: z.enum(ALERT_KINDS, { error: '预警类型不正确' }).optional(),
  warehouseId: optionalId,
  divisionCode: z
    .string()
    .regex(/^\d{4,9}$/, '区划代码不正确')
    .optional(),
});
export const ZAlertSchema = z.object({
  kind: z.enum(ALERT_KINDS),
  warehouseId: z.number(),
  warehouseName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  itemName: z.string(),
  detail: z.string(),
  lotId: z.number().nullable(),
  loanId: z.number().nullable(),
  date: z.string().nullable(),
});
export type TAlert = z.infer<typeof ZAlertSchema>;
export const ZAlertListSchema = z.object({
  items: z.array(ZAlertSchema),
  byKind: z.record(z.string(), z.number()),
  byTown: z.array(z.object({ divisionCode: z.string(), divisionName: z.string(), count: z.number() })),
});

// ── stocktakes ─────────────────────────────────────────────────────────────────────────────────────────
export const STOCKTAKE_KINDS = ['full', 'sample', 'spot'] as const;
export const STOCKTAKE_KIND_LABELS = { full: '全面盘点', sample: '抽样盘点', spot: '抽查' } as const;
export const STOCKTAKE_STATE_LABELS = { counting: '盘点中', submitted: '待审批调整', approved: '已审批' } as const;
export const ZStocktakeCreateSchema = z.object({
  warehouseId: id('仓库'),
  kind: z.enum(STOCKTAKE_KINDS, { error: '盘点方式不正确' }),
  /** For a sample or spot check: how many lots, drawn at random. */
  sampleSize: z.number().int('抽样批次数必须是整数').min(1, '抽样批次数至少 1').max(500, '抽样批次数最多 500').nullable().default(null),
  note: z.string().trim().max(200, '备注最多 200 个字').default(''),
});
export const ZStocktakeCountsSchema = z.object({
  counts: z
    .array(
      z.object({
        lineId: id('盘点明细'),
        counted: z.number({ error: '实盘数量必须填写' }).int('实盘数量必须是整数').min(0, '实盘数量不能为负数').max(10_000_000),
      }),
    )
    .min(1, '请填写实盘数量')
    .max(1000),
});
export const ZStocktakeSchema = z.object({
  id: z.number(),
  warehouseName: z.string(),
  kind: z.enum(STOCKTAKE_KINDS),
  state: z.enum(['counting', 'submitted', 'approved']),
  counterName: z.string(),
  approverName: z.string().nullable(),
  createdAt: z.string(),
  lines: z.array(
    z.object({
      id: z.number(),
      lotId: z.number(),
      itemName: z.string(),
      unit: z.string(),
      spec: z.string(),
      expiresOn: z.string().nullable(),
      /** Hidden (null) while counting: a blind count. */
      expected: z.number().nullable(),
      counted: z.number().nullable(),
      difference: z.number().nullable(),
    }),
  ),
  can: z.object({ count: z.boolean(), approve: z.boolean() }),
});
export type TStocktake = z.infer<typeof ZStocktakeSchema>;
