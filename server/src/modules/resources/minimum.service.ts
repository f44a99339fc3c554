/**
 * The reserve guidance (储备指导标准, the `reserveGuidance` setting): a saved table naming an item not in the catalogue
 * is refused in the settings' own transaction; the table goes out to Excel in the ledger layout and comes back in as a
 * checked preview, which the bureau saves on the settings page (that save is the audited change).
 */
import {
  AppError,
  GUIDANCE_COLUMNS,
  GUIDANCE_REQUIRED_COLUMNS,
  WAREHOUSE_KIND_LABELS,
  bureauDate,
  cellText,
  readGuidanceRow,
  type TReserveGuidanceImport,
  type TReserveGuidanceRow,
} from '@yingji/domain';
import { requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { readSheet } from '../../shared/sheet-reader';
import * as repo from './warehouse.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings'>;
const MAX_ROWS = 2000;

export function createMinimumService({ db, clock, audit, settings }: TDeps) {
  settings.onChange('reserveGuidance', async (tx, rows) => {
    const known = new Set((await repo.listItems(tx)).map((i) => i.code));
    rows.forEach((r, i) => {
      if (!known.has(r.itemCode))
        throw new AppError('invalid', `储备指导标准第 ${i + 1} 条：物资编码 ${r.itemCode} 不在物资目录中`, {
          field: `value.${i}.itemCode`,
        });
    });
  });

  async function exportGuidance(ctx: TRequestContext) {
    requirePermission(ctx, 'resources.read');
    const [rows, items] = await Promise.all([settings.get('reserveGuidance'), repo.listItems(db)]);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const values: Record<(typeof GUIDANCE_COLUMNS)[number], (r: TReserveGuidanceRow) => string | number> = {
      仓库层级: (r) => WAREHOUSE_KIND_LABELS[r.kind],
      物资编码: (r) => r.itemCode,
      物资名称: (r) => byCode.get(r.itemCode)?.name ?? '',
      最低储备: (r) => r.quantity,
      计量单位: (r) => byCode.get(r.itemCode)?.unit ?? '',
      依据文件: (r) => r.source,
    };
    const widths = [12, 16, 20, 10, 8, 48];
    const body = await ledgerBuffer([
      ledgerSheet<TReserveGuidanceRow>(
        '储备指导标准',
        GUIDANCE_COLUMNS.map((header, i) => ({ header, width: widths[i]!, value: values[header] })),
        rows,
      ),
    ]);
    await db.transaction((tx) =>
      audit.record(tx, ctx, { action: 'export', entity: 'setting', entityId: 'reserveGuidance', after: { rows: rows.length } }),
    );
    return { body, fileName: ledgerFileName('应急物资储备指导标准', clock()), date: bureauDate(clock()) };
  }

  /** Reads a guidance sheet (the export's columns) row by row; writes nothing. */
  async function importGuidance(ctx: TRequestContext, file: Buffer, fileName: string): Promise<TReserveGuidanceImport> {
    requirePermission(ctx, 'settings.manage');
    const known = new Set((await repo.listItems(db)).map((i) => i.code));
    const out: TReserveGuidanceImport = { rows: [], errors: [] };
    const seen = new Set<string>();
    let columns: Map<string, number> | null = null;
    for await (const { rowNumber, cells } of readSheet({ buffer: file }, fileName)) {
      if (!columns) {
        columns = new Map(cells.map((c, i) => [cellText(c).trim(), i]));
        const missing = GUIDANCE_REQUIRED_COLUMNS.filter((h) => !columns!.has(h));
        if (missing.length)
          throw new AppError('invalid', `表格缺少列：${missing.join('、')}（请使用导出的储备指导标准表格）`, { field: 'file' });
        continue;
      }
      if (cells.every((c) => cellText(c).trim() === '')) continue;
      if (out.rows.length + out.errors.length >= MAX_ROWS)
        throw new AppError('invalid', `储备指导标准最多 ${MAX_ROWS} 条`, { field: 'file' });
      const read = readGuidanceRow((h) => cellText(cells[columns!.get(h)!]));
      const key = typeof read === 'string' ? '' : `${read.kind}/${read.itemCode}`;
      if (typeof read === 'string') out.errors.push(`第 ${rowNumber} 行：${read}`);
      else if (!known.has(read.itemCode)) out.errors.push(`第 ${rowNumber} 行：物资编码 ${read.itemCode} 不在物资目录中`);
      else if (seen.has(key)) out.errors.push(`第 ${rowNumber} 行：${WAREHOUSE_KIND_LABELS[read.kind]}的 ${read.itemCode} 重复`);
      else {
        seen.add(key);
        out.rows.push(read);
      }
    }
    if (!columns) throw new AppError('invalid', `文件“${fileName}”没有表头`, { field: 'file' });
    return out;
  }

  return { exportGuidance, importGuidance };
}
