import { DownloadOutlined, ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { RECEIPT_SOURCE_LABELS, WAREHOUSE_KIND_LABELS } from '@yingji/domain/resources/resources.data';
import type { TLot } from '@yingji/domain/resources/resources.schema';
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { suppliesApi } from '../../api/supplies.api';
import { useCan } from '../../app/auth';
import { EnumTag, useIsPhone } from '../../kit';
import { SUPPLY_KEYS, WAREHOUSE_KIND_COLORS, formatYuan, useWarehouses } from './supplies-kit';
import { WarehouseModal } from './warehouse-modal';
import { MinimumsDrawer } from './minimums-drawer';
import { MovementsTable } from './movements-table';
import { StockTable, belowMinimum, cardColumns } from './stock-table';
import './supplies.css';

type TExpiry = 'expired' | 'expiring';

/**
 * 库存台账 of one warehouse: balances against each item's minimum, the lots with their expiry (临期 / 已过期 from the
 * alert rules) and the movements; from here the keeper receives, issues, transfers and writes off.
 */
export function WarehousePage() {
  const id = Number(useParams().id);
  const can = useCan();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'stock';
  const [editing, setEditing] = useState(false);
  const [minimums, setMinimums] = useState(false);
  const warehouses = useWarehouses();
  const stock = useQuery({
    queryKey: [...SUPPLY_KEYS.all, 'stock', { warehouseId: id, pageSize: 200 }],
    queryFn: () => suppliesApi.stock({ warehouseId: id, page: 1, pageSize: 200 }),
  });
  const lots = useQuery({ queryKey: [...SUPPLY_KEYS.all, 'lots', id], queryFn: () => suppliesApi.lots(id) });
  const alerts = useQuery({ queryKey: [...SUPPLY_KEYS.all, 'alerts', { warehouseId: id }], queryFn: () => suppliesApi.alerts(id) });
  if (warehouses.isPending) return <Spin />;
  const w = warehouses.data?.items.find((x) => x.id === id);
  if (!w) return <Alert type="error" title="仓库不存在" />;
  const expiry = new Map<number, TExpiry>();
  for (const a of alerts.data?.items ?? [])
    if (a.lotId !== null && (a.kind === 'expired' || a.kind === 'expiring')) expiry.set(a.lotId, a.kind);
  const manage = can('resources.manage');
  const expiryTag = (lotId: number) => {
    const e = expiry.get(lotId);
    return e === 'expired' ? <Tag color="red">已过期</Tag> : e === 'expiring' ? <Tag color="gold">临期</Tag> : null;
  };
  const rowClass = (l: TLot) =>
    expiry.get(l.id) === 'expired' ? 'supplies-row-expired' : expiry.get(l.id) === 'expiring' ? 'supplies-row-expiring' : '';
  const to = (kind: string, extra = '') => `/resources/warehouses/${id}/${kind}${extra}`;

  const lotActions = (l: TLot) =>
    manage && (
      <Space size={4} wrap>
        <Link to={to('out', `?kind=transfer&lotId=${l.id}`)}>调拨</Link>
        <Link to={to('out', `?kind=write_off&lotId=${l.id}`)}>报废</Link>
      </Space>
    );
  const lotColumns: TableColumnsType<TLot> = [
    { title: '批次', dataIndex: 'id', width: 70, render: (v: number) => `#${v}` },
    { title: '物资', render: (_, l) => `${l.itemName} ${l.spec}`.trim() },
    { title: '结存', width: 110, render: (_, l) => `${l.balance} / ${l.received}${l.unit}` },
    {
      title: '有效期至',
      width: 150,
      render: (_, l) => (
        <Space size={4}>
          {l.expiresOn ?? '—'}
          {expiryTag(l.id)}
        </Space>
      ),
    },
    { title: '生产日期', dataIndex: 'producedOn', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '3C 证书', dataIndex: 'certificate3c', width: 150, render: (v: string | null) => v ?? '—' },
    {
      title: '来源',
      width: 150,
      render: (_, l) => `${RECEIPT_SOURCE_LABELS[l.source]} ${l.receivedOn}${l.supplier ? ` ${l.supplier}` : ''}`,
    },
    { title: '单价', dataIndex: 'unitPriceFen', width: 100, render: (v: number) => formatYuan(v) },
    { title: '验收', width: 120, render: (_, l) => l.acceptors.join('、') || '—' },
    ...(manage ? [{ title: '操作', width: 100, render: (_: unknown, l: TLot) => lotActions(l) }] : []),
  ];
  const lotCard = (l: TLot) => (
    <div className="cell-stack">
      <Space wrap size={4}>
        <strong>
          #{l.id} {l.itemName}
        </strong>
        {expiryTag(l.id)}
      </Space>
      <span>
        结存 {l.balance}
        {l.unit}（入库 {l.received}）· 有效期至 {l.expiresOn ?? '—'}
      </span>
      <span className="cell-sub">
        {RECEIPT_SOURCE_LABELS[l.source]} {l.receivedOn}
        {l.certificate3c ? ` · 3C ${l.certificate3c}` : ''}
        {l.supplier ? ` · ${l.supplier}` : ''}
      </span>
      {lotActions(l)}
    </div>
  );
  const cards = cardColumns;
  const belowCount = (stock.data?.items ?? []).filter(belowMinimum).length;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space wrap>
            <span>{w.name}</span>
            <EnumTag value={w.kind} labels={WAREHOUSE_KIND_LABELS} colors={WAREHOUSE_KIND_COLORS} />
          </Space>
        }
        extra={<Link to="/resources/warehouses">全部仓库</Link>}
      >
        <Descriptions column={isPhone ? 1 : 3} size="small">
          <Descriptions.Item label="镇街">{w.divisionName}</Descriptions.Item>
          <Descriptions.Item label="地址">{w.address}</Descriptions.Item>
          <Descriptions.Item label="保管员">
            {w.keeper}（<a href={`tel:${w.keeperPhone}`}>{w.keeperPhone}</a>）
          </Descriptions.Item>
          <Descriptions.Item label="坐标">
            {w.longitude.toFixed(4)}, {w.latitude.toFixed(4)}
          </Descriptions.Item>
          <Descriptions.Item label="在库批次">{w.lots}</Descriptions.Item>
          <Descriptions.Item label="低于最低储备">{belowCount > 0 ? <Tag color="red">{belowCount} 项</Tag> : '无'}</Descriptions.Item>
        </Descriptions>
        <div className="supplies-actions">
          {manage && (
            <>
              <Link to={to('receipt')}>
                <Button type="primary" icon={<ImportOutlined />} size={isPhone ? 'large' : 'middle'} block={isPhone}>
                  入库
                </Button>
              </Link>
              <Link to={to('out', '?kind=issue')}>
                <Button icon={<ExportOutlined />} size={isPhone ? 'large' : 'middle'} block={isPhone}>
                  出库
                </Button>
              </Link>
              <Link to={to('out', '?kind=transfer')}>
                <Button size={isPhone ? 'large' : 'middle'} block={isPhone}>
                  调拨
                </Button>
              </Link>
              <Link to={to('out', '?kind=write_off')}>
                <Button danger size={isPhone ? 'large' : 'middle'} block={isPhone}>
                  报废
                </Button>
              </Link>
            </>
          )}
          <a href={suppliesApi.ledgerUrl(id)} download>
            <Button icon={<DownloadOutlined />} size={isPhone ? 'large' : 'middle'} block={isPhone}>
              导出台账
            </Button>
          </a>
          {manage && (
            <>
              <Button onClick={() => setMinimums(true)} size={isPhone ? 'large' : 'middle'} block={isPhone}>
                最低储备
              </Button>
              <Button onClick={() => setEditing(true)} size={isPhone ? 'large' : 'middle'} block={isPhone}>
                编辑仓库
              </Button>
            </>
          )}
        </div>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            {
              key: 'stock',
              label: `结存（${stock.data?.total ?? 0}）`,
              children: <StockTable rows={stock.data?.items ?? []} loading={stock.isPending} empty="尚无库存，点“入库”登记第一批物资" />,
            },
            {
              key: 'lots',
              label: `批次（${lots.data?.items.length ?? 0}）`,
              children: (
                <>
                  {expiry.size > 0 && (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 12 }}
                      title={`${[...expiry.values()].filter((e) => e === 'expired').length} 个批次已过期，${[...expiry.values()].filter((e) => e === 'expiring').length} 个批次临期；出库时先到期的批次优先。`}
                    />
                  )}
                  <Table<TLot>
                    rowKey="id"
                    size="small"
                    loading={lots.isPending}
                    dataSource={lots.data?.items ?? []}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    showHeader={!isPhone}
                    rowClassName={rowClass}
                    scroll={isPhone ? undefined : { x: 1200 }}
                    columns={isPhone ? cards(lotCard) : lotColumns}
                    locale={{ emptyText: '没有在库批次' }}
                  />
                </>
              ),
            },
            {
              key: 'movements',
              label: '出入库流水',
              children: <MovementsTable warehouseId={id} />,
            },
          ]}
        />
      </Card>
      {editing && <WarehouseModal warehouse={w} onClose={() => setEditing(false)} />}
      {minimums && <MinimumsDrawer warehouse={w} onClose={() => setMinimums(false)} />}
    </Space>
  );
}
