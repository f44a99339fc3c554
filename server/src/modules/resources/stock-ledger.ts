/**
 * The warehouse's stock ledger (库存台账) in Excel: balances against the minimum, lots with their expiry, 3C certificate
 * and acceptors, and the movements (出入库流水), one sheet each, through the one ledger exporter; the export is audited.
 */
import {
  AppError,
  ITEM_CATEGORY_LABELS,
  MOVEMENT_KIND_LABELS,
  RECEIPT_SOURCE_LABELS,
  WAREHOUSE_KIND_LABELS,
  expiryStatus,
  minimumLabel,
  type TLot,
  type TMovement,
  type TStockRow,
} from '@yingji/domain';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { actorSees, requirePermission } from '../../kit/access';
import { listLots, listMovements } from './lot.repo';
import { stock as stockRows } from './stock.repo';
import { findWarehouse } from './warehouse.repo';
import { cityOf } from './resources.access';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings'> & { today: () => string };

/** A ledger larger than this is cut, and says so on its first sheet. */
const MAX_ROWS = 50_000;
const yuan = (fen: number) => Math.round(fen) / 100;
/** `2026-03-01 09:30` in Asia/Shanghai (UTC+8, no summer time). */
const bureauMinute = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export function createStockLedger({ db, clock, audit, settings, today }: TDeps) {
  async function warehouseLedger(ctx: TRequestContext, warehouseId: number) {
    const actor = requirePermission(ctx, 'resources.read');
    const scope = cityOf(actor);
    const w = await findWarehouse(db, warehouseId);
    if (!w || !actorSees({ divisionCode: scope }, w.divisionCode)) throw new AppError('not_found', '仓库不存在', { field: 'id' });
    const now = today();
    const [{ expiringDays }, guidance] = await Promise.all([settings.get('resources'), settings.get('reserveGuidance')]);
    const [stock, lots, moves] = await Promise.all([
      stockRows(db, scope, { warehouseId, page: 1, pageSize: MAX_ROWS }, now, guidance),
      listLots(db, scope, { warehouseId, withEmpty: true }, MAX_ROWS),
      listMovements(db, scope, { warehouseId, page: 1, pageSize: MAX_ROWS }),
    ]);
    const expiry = (l: TLot) => {
      const s = l.balance > 0 ? expiryStatus(l.expiresOn, now, expiringDays) : null;
      return s === 'expired' ? '已过期' : s === 'expiring' ? '临期' : '';
    };
    const below = (r: TStockRow) => (r.minimum !== null && r.usable < r.minimum ? `低于最低储备 ${r.minimum - r.usable}` : '');
    const body = await ledgerBuffer([
      ledgerSheet<TStockRow>(
        '结存',
        [
          { header: '物资编码', width: 14, value: (r) => r.itemCode },
          { header: '物资名称', width: 18, value: (r) => r.itemName },
          { header: '类别', width: 12, value: (r) => ITEM_CATEGORY_LABELS[r.category] },
          { header: '规格型号', width: 20, value: (r) => r.spec },
          { header: '单位', width: 6, value: (r) => r.unit },
          { header: '结存', width: 10, value: (r) => r.balance },
          { header: '其中未过期', width: 12, value: (r) => r.usable },
          { header: '最低储备', width: 10, value: (r) => r.minimum },
          {
            header: '最低储备来源',
            width: 30,
            value: (r) => (r.minimumFrom ? minimumLabel({ quantity: r.minimum!, origin: r.minimumFrom, source: r.minimumSource }) : ''),
          },
          { header: '储备状况', width: 18, value: below },
          { header: '最早有效期', width: 12, value: (r) => r.earliestExpiry },
          { header: '在库批次', width: 8, value: (r) => r.lots },
        ],
        stock.rows,
      ),
      ledgerSheet<TLot>(
        '批次',
        [
          { header: '批次号', width: 8, value: (l) => l.id },
          { header: '物资名称', width: 18, value: (l) => l.itemName },
          { header: '规格型号', width: 20, value: (l) => l.spec },
          { header: '单位', width: 6, value: (l) => l.unit },
          { header: '来源', width: 8, value: (l) => RECEIPT_SOURCE_LABELS[l.source] },
          { header: '入库日期', width: 12, value: (l) => l.receivedOn },
          { header: '入库数量', width: 10, value: (l) => l.received },
          { header: '结存', width: 8, value: (l) => l.balance },
          { header: '生产日期', width: 12, value: (l) => l.producedOn },
          { header: '有效期至', width: 12, value: (l) => l.expiresOn },
          { header: '有效期状况', width: 10, value: expiry },
          { header: '3C 证书编号', width: 20, value: (l) => l.certificate3c },
          { header: '供应单位', width: 22, value: (l) => l.supplier },
          { header: '单价（元）', width: 10, value: (l) => yuan(l.unitPriceFen) },
          { header: '验收人', width: 18, value: (l) => l.acceptors.join('、') },
          { header: '最近保养', width: 12, value: (l) => l.lastMaintainedOn },
        ],
        lots,
      ),
      ledgerSheet<TMovement>(
        '出入库流水',
        [
          { header: '时间', width: 18, value: (m) => bureauMinute(m.at) },
          { header: '类型', width: 10, value: (m) => MOVEMENT_KIND_LABELS[m.kind] },
          { header: '物资名称', width: 18, value: (m) => m.itemName },
          { header: '批次号', width: 8, value: (m) => m.lotId },
          { header: '数量', width: 8, value: (m) => m.quantity },
          { header: '单位', width: 6, value: (m) => m.unit },
          { header: '对方单位', width: 22, value: (m) => m.counterparty },
          { header: '用途或说明', width: 26, value: (m) => m.note },
          { header: '经办人', width: 10, value: (m) => m.byName },
        ],
        moves.rows,
      ),
    ]);
    await db.transaction((tx) =>
      audit.record(tx, ctx, {
        action: 'export',
        entity: 'resource_warehouse',
        entityId: w.id,
        after: { stock: stock.rows.length, lots: lots.length, movements: moves.rows.length },
        divisionCode: w.divisionCode,
      }),
    );
    const title = `库存台账-${w.name}（${WAREHOUSE_KIND_LABELS[w.kind]}）`;
    return { body, fileName: ledgerFileName(title, clock()), date: now };
  }

  return { warehouseLedger };
}
