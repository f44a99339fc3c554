import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { WAREHOUSE_KIND_LABELS, WAREHOUSE_KINDS, type TWarehouseKind } from '@yingji/domain/resources/resources.data';
import type { TWarehouse } from '@yingji/domain/resources/resources.schema';
import { Button, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../app/auth';
import { EnumTag, ListPage, SelectFilter, TownFilter, enumOptions, param, useListParams } from '../../kit';
import { SUPPLY_KEYS, WAREHOUSE_KIND_COLORS, useWarehouses } from './supplies-kit';
import { MinimumsDrawer } from './minimums-drawer';
import { WarehouseModal } from './warehouse-modal';

const FILTERS = { kind: param.oneOf(WAREHOUSE_KINDS), divisionCode: param.text(), q: param.text() };

/** 仓库与前置点: the city's warehouses, town warehouses and pre-positioned points with keeper and phone. */
export function WarehousesPage() {
  const can = useCan();
  const list = useListParams(FILTERS);
  const [editing, setEditing] = useState<TWarehouse | 'new' | null>(null);
  const [minimums, setMinimums] = useState<TWarehouse | null>(null);
  const warehouses = useWarehouses();
  const { kind, divisionCode, q } = list.filter;
  // the API answers the whole city at once (a few dozen rows): filter and page here
  const query = useQuery({
    queryKey: [...SUPPLY_KEYS.warehouses, 'page', list.filter, list.page, list.pageSize, warehouses.dataUpdatedAt],
    enabled: warehouses.isSuccess,
    queryFn: () => {
      const rows = (warehouses.data?.items ?? []).filter(
        (w) =>
          (!kind || w.kind === kind) &&
          (!divisionCode || w.divisionCode.startsWith(divisionCode)) &&
          (!q || [w.name, w.address, w.keeper, w.divisionName].some((t) => t.includes(q))),
      );
      return { items: rows.slice((list.page - 1) * list.pageSize, list.page * list.pageSize), total: rows.length };
    },
  });
  const manage = can('resources.manage');
  const actions = (w: TWarehouse) =>
    manage && (
      <Space size={4} wrap>
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(w)}>
          编辑
        </Button>
        <Button size="small" onClick={() => setMinimums(w)}>
          最低储备
        </Button>
      </Space>
    );
  const stockTag = (w: TWarehouse) =>
    w.belowMinimum > 0 ? (
      <Tag color="red" style={{ alignSelf: 'flex-start' }}>
        {w.belowMinimum} 项低于最低储备
      </Tag>
    ) : (
      <span className="cell-sub">{w.lots} 个批次</span>
    );
  const columns: TableColumnsType<TWarehouse> = [
    { title: '名称', dataIndex: 'name', render: (v: string, w) => <Link to={`/resources/warehouses/${w.id}`}>{v}</Link> },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 100,
      render: (v: TWarehouseKind) => <EnumTag value={v} labels={WAREHOUSE_KIND_LABELS} colors={WAREHOUSE_KIND_COLORS} />,
    },
    { title: '镇街', dataIndex: 'divisionName', width: 100 },
    { title: '地址', dataIndex: 'address' },
    { title: '保管员', dataIndex: 'keeper', width: 90 },
    { title: '电话', dataIndex: 'keeperPhone', width: 130, render: (v: string) => <a href={`tel:${v}`}>{v}</a> },
    { title: '库存', width: 150, render: (_, w) => stockTag(w) },
    ...(manage ? [{ title: '操作', width: 170, render: (_: unknown, w: TWarehouse) => actions(w) }] : []),
  ];
  const card = (w: TWarehouse) => (
    <div className="cell-stack">
      <Space wrap size={4}>
        <Link to={`/resources/warehouses/${w.id}`}>{w.name}</Link>
        <EnumTag value={w.kind} labels={WAREHOUSE_KIND_LABELS} colors={WAREHOUSE_KIND_COLORS} />
      </Space>
      <span className="cell-sub">
        {w.divisionName} · {w.address}
      </span>
      <span>
        {w.keeper} <a href={`tel:${w.keeperPhone}`}>{w.keeperPhone}</a>
      </span>
      {stockTag(w)}
      {actions(w)}
    </div>
  );
  return (
    <ListPage
      title="物资仓库与前置点"
      refresh
      actions={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增仓库
          </Button>
        )
      }
      list={list}
      query={query}
      search={{ placeholder: '名称、地址、保管员' }}
      filters={
        <>
          <SelectFilter
            list={list}
            name="kind"
            placeholder="全部类型"
            label="类型"
            options={enumOptions(WAREHOUSE_KINDS, WAREHOUSE_KIND_LABELS)}
          />
          <TownFilter value={divisionCode} onChange={(v) => list.update({ divisionCode: v })} />
        </>
      }
      columns={columns}
      card={card}
      emptyText="没有仓库"
      unit="个"
    >
      {editing && <WarehouseModal warehouse={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {minimums && <MinimumsDrawer warehouse={minimums} onClose={() => setMinimums(null)} />}
    </ListPage>
  );
}
