/**
 * The minimum stock (最低储备) of a warehouse and item: the province's reserve guidance (储备指导标准, a setting: per
 * warehouse level and item, with the document it comes from) applies to every warehouse of that level, unless the
 * warehouse has recorded its own minimum (本库设定), which overrides it.
 */
import '../shared/zod-locale';
import { z } from 'zod';
import { WAREHOUSE_KINDS, WAREHOUSE_KIND_LABELS, type TWarehouseKind } from './resources.data';

export const MINIMUM_ORIGINS = ['guidance', 'warehouse'] as const;
export type TMinimumOrigin = (typeof MINIMUM_ORIGINS)[number];
export const MINIMUM_ORIGIN_LABELS: Record<TMinimumOrigin, string> = { guidance: '指导标准', warehouse: '本库设定' };

export const ZReserveGuidanceRowSchema = z.object({
  kind: z.enum(WAREHOUSE_KINDS, { error: '仓库层级不正确' }),
  itemCode: z
    .string({ error: '物资编码必须填写' })
    .trim()
    .regex(/^[A-Z0-9-]{2,40}$/, '物资编码应为 2–40 位大写字母、数字或连字符'),
  quantity: z.number({ error: '最低储备必须填写' }).int('最低储备必须是整数').min(0, '最低储备不能为负数').max(10_000_000, '最低储备过大'),
  source: z.string({ error: '依据文件必须填写' }).trim().min(2, '依据文件（文件名或文号）必须填写').max(200, '依据文件最多 200 个字'),
});
export type TReserveGuidanceRow = z.infer<typeof ZReserveGuidanceRowSchema>;

/** The guidance table: one row per level and item; a second row for the same pair is refused, naming it. */
export const ZReserveGuidanceSchema = z
  .array(ZReserveGuidanceRowSchema)
  .max(2000, '指导标准最多 2000 条')
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const key = `${r.kind}/${r.itemCode}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: [i, 'itemCode'], message: `${WAREHOUSE_KIND_LABELS[r.kind]}的 ${r.itemCode} 重复` });
      seen.add(key);
    });
  });
export type TReserveGuidance = z.infer<typeof ZReserveGuidanceSchema>;

/** No guidance until the bureau enters the province's document: a made-up figure would pass for the province's. */
export const DEFAULT_RESERVE_GUIDANCE: TReserveGuidance = [];

export interface TEffectiveMinimum {
  quantity: number;
  origin: TMinimumOrigin;
  /** The guidance's document (文件名/文号) when the minimum comes from it. */
  source: string | null;
}

/**
 * The minimum that applies to one warehouse and item: its own recorded minimum when there is one (even 0, which
 * says "none here"), else the guidance for its level, else none.
 */
export function effectiveMinimum(
  own: number | null,
  guidance: Pick<TReserveGuidanceRow, 'quantity' | 'source'> | null,
): TEffectiveMinimum | null {
  if (own !== null) return { quantity: own, origin: 'warehouse', source: null };
  if (guidance) return { quantity: guidance.quantity, origin: 'guidance', source: guidance.source };
  return null;
}

/** The guidance row for a level and item code, if any. */
export const guidanceFor = (rows: readonly TReserveGuidanceRow[], kind: TWarehouseKind, itemCode: string): TReserveGuidanceRow | null =>
  rows.find((r) => r.kind === kind && r.itemCode === itemCode) ?? null;

/** How a minimum reads beside a figure: "20（指导标准：粤应急〔2024〕1号）" or "20（本库设定）". */
export const minimumLabel = (m: TEffectiveMinimum, unit = ''): string =>
  `${m.quantity}${unit}（${MINIMUM_ORIGIN_LABELS[m.origin]}${m.source ? `：${m.source}` : ''}）`;

// ── the guidance in Excel ──────────────────────────────────────────────────────────────────────────────
/** The columns of the exported guidance, which an import reads back (物资名称 and 计量单位 are for the reader only). */
export const GUIDANCE_COLUMNS = ['仓库层级', '物资编码', '物资名称', '最低储备', '计量单位', '依据文件'] as const;
export const GUIDANCE_REQUIRED_COLUMNS = ['仓库层级', '物资编码', '最低储备', '依据文件'] as const;

const KIND_BY_LABEL: Record<string, TWarehouseKind> = {
  ...Object.fromEntries(WAREHOUSE_KINDS.map((k) => [WAREHOUSE_KIND_LABELS[k], k])),
  ...Object.fromEntries(WAREHOUSE_KINDS.map((k) => [k, k])),
  市级库: 'city',
  镇街库: 'town',
  前置库: 'prepositioned',
};

/** One spreadsheet row of the guidance, by column header (text as shown), or the Chinese problem naming the column. */
export function readGuidanceRow(cell: (header: (typeof GUIDANCE_REQUIRED_COLUMNS)[number]) => string): TReserveGuidanceRow | string {
  const kind = KIND_BY_LABEL[cell('仓库层级').trim()];
  if (!kind) return `仓库层级“${cell('仓库层级')}”不正确，应为市级仓库、镇街仓库或前置点`;
  const text = cell('最低储备').trim();
  const quantity = text === '' ? undefined : Number(text);
  const parsed = ZReserveGuidanceRowSchema.safeParse({ kind, itemCode: cell('物资编码'), quantity, source: cell('依据文件') });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const column = { itemCode: '物资编码', quantity: '最低储备', source: '依据文件' }[String(issue.path[0])] ?? '';
  return `${column}：${issue.message}`;
}
