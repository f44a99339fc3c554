import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { WAREHOUSE_KIND_LABELS, WAREHOUSE_KINDS, type TWarehouseKind } from '@yingji/domain/resources/resources.data';
import type { TWarehouse } from '@yingji/domain/resources/resources.schema';
import { App, Button, Drawer, InputNumber, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { suppliesApi } from '../../api/supplies.api';
import { useCan } from '../../app/auth';
import { EnumTag, ListPage, SelectFilter, TownFilter, enumOptions, param, useIsPhone, useListParams } from '../../kit';
import { SUPPLY_KEYS, WAREHOUSE_KIND_COLORS, useFieldErrors, useItems, useWarehouses } from './supplies-kit';
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

type TMinimumRow = { itemId: number; name: string; unit: string; category: string; minimum: number | null; balance: number };

/** 最低储备: each catalogue item's minimum stock in this warehouse, against its balance; saved one item at a time. */
export function MinimumsDrawer({ warehouse, onClose }: { warehouse: Pick<TWarehouse, 'id' | 'name'>; onClose: () => void }) {
  const isPhone = useIsPhone();
  const items = useItems();
  const queryClient = useQueryClient();
  const showError = useFieldErrors();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Record<number, number | null>>({});
  const stock = useQuery({
    queryKey: [...SUPPLY_KEYS.all, 'stock', { warehouseId: warehouse.id, pageSize: 200 }],
    queryFn: () => suppliesApi.stock({ warehouseId: warehouse.id, page: 1, pageSize: 200 }),
  });
  const rows = useMemo<TMinimumRow[]>(() => {
    const byItem = new Map((stock.data?.items ?? []).map((s) => [s.itemId, s]));
    return (items.data?.items ?? []).map((i) => ({
      itemId: i.id,
      name: `${i.name} ${i.spec}`.trim(),
      unit: i.unit,
      category: i.category,
      minimum: byItem.get(i.id)?.minimum ?? null,
      balance: byItem.get(i.id)?.balance ?? 0,
    }));
  }, [items.data, stock.data]);
  const save = useMutation({
    mutationFn: (v: { itemId: number; quantity: number }) => suppliesApi.setMinimum(warehouse.id, v.itemId, v.quantity),
    onSuccess: (_, v) => {
      void message.success('已保存最低储备');
      setDraft((d) => {
        const { [v.itemId]: _saved, ...rest } = d;
        return rest;
      });
      void queryClient.invalidateQueries({ queryKey: SUPPLY_KEYS.all });
    },
    onError: (e) => showError(e),
  });
  const input = (r: TMinimumRow) => {
    const value = r.itemId in draft ? draft[r.itemId] : r.minimum;
    const changed = r.itemId in draft && draft[r.itemId] !== r.minimum && draft[r.itemId] !== null;
    return (
      <Space.Compact>
        <InputNumber
          min={0}
          precision={0}
          value={value}
          aria-label={`${r.name}最低储备`}
          onChange={(v) => setDraft((d) => ({ ...d, [r.itemId]: v }))}
          suffix={r.unit}
          style={{ width: 140 }}
        />
        <Button
          type={changed ? 'primary' : 'default'}
          disabled={!changed}
          loading={save.isPending && save.variables?.itemId === r.itemId}
          onClick={() => save.mutate({ itemId: r.itemId, quantity: draft[r.itemId]! })}
        >
          保存
        </Button>
      </Space.Compact>
    );
  };
  const balance = (r: TMinimumRow) => (
    <span style={{ color: r.minimum !== null && r.balance < r.minimum ? '#cf1322' : undefined }}>
      {r.balance}
      {r.unit}
    </span>
  );
  return (
    <Drawer open title={`最低储备：${warehouse.name}`} width={isPhone ? '100%' : 640} onClose={onClose}>
      <p className="cell-sub">按省级储备指导标准为本仓库逐项设定最低储备，结存低于最低储备时进入物资预警。</p>
      <Table<TMinimumRow>
        rowKey="itemId"
        size="small"
        loading={items.isPending || stock.isPending}
        dataSource={rows}
        pagination={false}
        showHeader={!isPhone}
        columns={
          isPhone
            ? [
                {
                  key: 'card',
                  render: (_, r) => (
                    <div className="cell-stack">
                      <strong>{r.name}</strong>
                      <span className="cell-sub">结存 {balance(r)}</span>
                      {input(r)}
                    </div>
                  ),
                },
              ]
            : [
                { title: '物资', dataIndex: 'name' },
                { title: '结存', width: 90, render: (_, r) => balance(r) },
                { title: '最低储备', width: 230, render: (_, r) => input(r) },
              ]
        }
      />
    </Drawer>
  );
}
