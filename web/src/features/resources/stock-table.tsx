import { ITEM_CATEGORY_LABELS } from '@yingji/domain/resources/resources.data';
import { expiryStatus } from '@yingji/domain/resources/resources.rules';
import type { TStockRow } from '@yingji/domain/resources/resources.schema';
import { Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useIsPhone } from '../../kit';
import { MinimumOrigin } from './minimums-drawer';

/** Short of the minimum, counting only what is not expired (reserveShortfall). */
export const belowMinimum = (r: TStockRow) => r.minimum !== null && r.usable < r.minimum;
// expired lots are not reserve: the balance says how much of it could still be issued today
const expiredPart = (r: TStockRow) => (r.usable < r.balance ? `（未过期 ${r.usable}${r.unit}）` : '');
export const cardColumns = <T extends object>(render: (r: T) => ReactNode): TableColumnsType<T> => [
  { key: 'card', render: (_, r) => render(r) },
];

/** The earliest expiry of what is left, marked 临期 / 已过期 when the window is known. */
function Earliest({ r, expiring }: { r: TStockRow; expiring?: { today: string; days: number } }) {
  const e = expiring ? expiryStatus(r.earliestExpiry, expiring.today, expiring.days) : null;
  return (
    <Space size={4}>
      {r.earliestExpiry ?? '—'}
      {e === 'expired' ? <Tag color="red">已过期</Tag> : e === 'expiring' ? <Tag color="gold">临期</Tag> : null}
    </Space>
  );
}

/**
 * The balances of the stock ledger (结存): item, balance against the effective minimum, earliest expiry; as cards on a
 * phone. The warehouse page shows one warehouse; the shelter page shows its stock points (`withWarehouse`).
 */
export function StockTable({
  rows,
  loading,
  empty,
  withWarehouse,
  expiring,
}: {
  rows: TStockRow[];
  loading?: boolean;
  empty: ReactNode;
  withWarehouse?: boolean;
  expiring?: { today: string; days: number };
}) {
  const isPhone = useIsPhone();
  const warehouseLink = (r: TStockRow) => <Link to={`/resources/warehouses/${r.warehouseId}`}>{r.warehouseName}</Link>;
  const columns: TableColumnsType<TStockRow> = [
    ...(withWarehouse ? [{ title: '储备点', width: 150, render: (_: unknown, r: TStockRow) => warehouseLink(r) }] : []),
    { title: '物资', render: (_, r) => `${r.itemName} ${r.spec}`.trim() },
    { title: '类别', width: 110, render: (_, r) => ITEM_CATEGORY_LABELS[r.category] },
    {
      title: '结存',
      width: 110,
      render: (_, r) => (
        <span>
          <strong style={{ color: belowMinimum(r) ? '#cf1322' : undefined }}>
            {r.balance}
            {r.unit}
          </strong>
          {expiredPart(r)}
        </span>
      ),
    },
    {
      title: '最低储备',
      width: 150,
      render: (_, r) =>
        r.minimum === null ? (
          '—'
        ) : (
          <Space size={4}>
            {`${r.minimum}${r.unit}`}
            <MinimumOrigin row={r} />
          </Space>
        ),
    },
    { title: '状况', width: 140, render: (_, r) => (belowMinimum(r) ? <Tag color="red">低于最低储备 {r.minimum! - r.usable}</Tag> : null) },
    { title: '最早有效期', width: 140, render: (_, r) => <Earliest r={r} expiring={expiring} /> },
    { title: '批次', dataIndex: 'lots', width: 60 },
  ];
  const card = (r: TStockRow) => (
    <div className="cell-stack">
      <Space wrap size={4}>
        <strong>{`${r.itemName} ${r.spec}`.trim()}</strong>
        {belowMinimum(r) && <Tag color="red">低于最低储备</Tag>}
      </Space>
      <span>
        结存{' '}
        <strong style={{ color: belowMinimum(r) ? '#cf1322' : undefined }}>
          {r.balance}
          {r.unit}
        </strong>
        {expiredPart(r)}
        {r.minimum !== null && ` / 最低 ${r.minimum}${r.unit} `}
        {r.minimum !== null && <MinimumOrigin row={r} />}
      </span>
      <span className="cell-sub">
        {withWarehouse && <>{warehouseLink(r)} · </>}
        {r.lots} 个批次 · 最早有效期 <Earliest r={r} expiring={expiring} />
      </span>
    </div>
  );
  return (
    <Table<TStockRow>
      rowKey={(r) => `${r.warehouseId}-${r.itemId}`}
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      showHeader={!isPhone}
      columns={isPhone ? cardColumns(card) : columns}
      locale={{ emptyText: empty }}
    />
  );
}
